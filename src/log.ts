import type { Config } from "./config.ts";

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

/** A bot token in any string (an error message quoting a URL) becomes "<bot token>". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, "<bot token>");
  for (const s of secrets) if (s) out = out.split(s).join("<secret>");
  return out;
}

/** One line per event on stderr: time, level, message, then key=value pairs. Secrets never reach the log. */
export function createLogger(level: Config["logLevel"], secrets: readonly string[] = [], write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const min = LEVELS.indexOf(level);
  const emit = (lvl: (typeof LEVELS)[number], msg: string, data?: Record<string, unknown>) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const fields = data ? Object.entries(data).map(([k, v]) => ` ${k}=${typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v ?? null)}`) : [];
    write(redact(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}${fields.join("")}`, secrets));
  };
  return {
    debug: (m, d) => emit("debug", m, d),
    info: (m, d) => emit("info", m, d),
    warn: (m, d) => emit("warn", m, d),
    error: (m, d) => emit("error", m, d),
  };
}

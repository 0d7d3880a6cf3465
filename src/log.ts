import { pino, type DestinationStream } from "pino";
import type { Config } from "./config.ts";

/** The app's logging surface: a message, then structured fields. An Error goes in `err` (stack and causes kept). */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * Fields that hold a secret wherever they appear (one level deep too): pino replaces their values before the line
 * is written. Config objects, request headers and API payloads logged whole are covered this way.
 */
export const REDACT_PATHS: readonly string[] = [
  "token",
  "botToken",
  "secret",
  "webhookSecret",
  "secretToken",
  "secret_token",
  "zaloBotToken",
  "zaloWebhookSecret",
  "*.token",
  "*.botToken",
  "*.secret",
  "*.webhookSecret",
  "*.secretToken",
  "*.secret_token",
  "*.zaloBotToken",
  "*.zaloWebhookSecret",
  'headers["x-telegram-bot-api-secret-token"]',
  'headers["x-bot-api-secret-token"]',
];

// No leading \b: in a URL the token follows "bot" directly (".../bot123:ABC…/sendMessage").
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

/** A bot token in any string (an error message quoting a URL) becomes "<bot token>"; each secret "<secret>". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_PATTERN, "<bot token>");
  for (const s of secrets) if (s) out = out.split(s).join("<secret>");
  return out;
}

/** Values under `error` that are Errors are logged as pino's `err` (type, message, stack, causes). */
function fields(data: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!data) return {};
  const { error, ...rest } = data;
  if (error instanceof Error && rest.err === undefined) return { ...rest, err: error };
  return error === undefined ? rest : { ...rest, error };
}

/**
 * One pino logger for every line the process prints: JSON, one line per event, on stdout (or `write`, for tests).
 * Secrets are removed twice: by key (pino's `redact`) and, for values that end up inside a message or a stack
 * (a URL in a network error), by their text just before the line is written.
 */
export function createLogger(
  level: Config["logLevel"],
  secrets: readonly string[] = [],
  write?: (line: string) => void,
): Logger {
  const known = secrets.filter((s) => s.length >= 4);
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith("\n") ? line.slice(0, -1) : line) }
    : pino.destination({ fd: 1, sync: true });
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: "<redacted>" },
      hooks: { streamWrite: (line) => redact(line, known) },
    },
    destination,
  );
  return {
    debug: (m, d) => logger.debug(fields(d), m),
    info: (m, d) => logger.info(fields(d), m),
    warn: (m, d) => logger.warn(fields(d), m),
    error: (m, d) => logger.error(fields(d), m),
  };
}

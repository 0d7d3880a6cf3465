import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import emulatorModule from "telegram-test-api";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { ROOT } from "../helpers/run.ts";

export type { Emulator };
// The package is CommonJS with `module.exports = TelegramServer`; its typings describe an ES default export.
export const TelegramServer = ((emulatorModule as unknown as { default?: typeof Emulator }).default ??
  emulatorModule) as unknown as typeof Emulator;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`e2e: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The environment of a bot process with an admin, polling the emulator, on its own folders and a free port. */
export async function adminBotEnv(o: {
  token: string;
  apiRoot: string;
  dataDir: string;
  stateDir: string;
  admin: number;
}): Promise<Record<string, string>> {
  return {
    BOT_TOKEN: o.token,
    TELEGRAM_API_ROOT: o.apiRoot,
    DATA_DIR: o.dataDir,
    STATE_DIR: o.stateDir,
    ADMIN_IDS: String(o.admin),
    PORT: String(await freePort()),
  };
}

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts the app the way `npm start` does, with a fresh STATE_DIR, and waits for `ready` in its output. */
export async function startBotProcess(env: Record<string, string>, ready: string): Promise<BotProcess> {
  // A caller that passes STATE_DIR keeps it across restarts (and cleans it up itself).
  const ownState = env.STATE_DIR === undefined;
  const stateDir = env.STATE_DIR ?? (await mkdtemp(join(tmpdir(), "bot-e2e-")));
  const child = spawn(`${ROOT}/node_modules/.bin/tsx`, ["src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATA_DIR: `${ROOT}/data/directives`,
      PUBLIC_BASE_URL: "http://bot.test",
      ...env,
      STATE_DIR: stateDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.once("close", resolve));
  await until(
    `"${ready}"`,
    () =>
      out.includes(ready)
        ? true
        : child.exitCode !== null
          ? Promise.reject(new Error(`e2e: the app exited:\n${out}`))
          : undefined,
    30_000,
  );
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await closed;
      if (ownState) await rm(stateDir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * PID of the node process that runs src/main.ts. `tsx` runs the script in a child process and relays only SIGINT and
 * SIGTERM to it, so other signals (SIGHUP) must be sent here rather than to `BotProcess.child`. Linux only (/proc).
 */
export async function appPid(child: ChildProcess): Promise<number> {
  return until(
    "the app process under tsx",
    async () => {
      for (const entry of await readdir("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
        // "pid (comm) state ppid …": comm may contain spaces and parentheses.
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === child.pid) return Number(entry);
      }
      return undefined;
    },
    5_000,
  );
}

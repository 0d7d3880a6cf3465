import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import emulatorModule from "telegram-test-api";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";

const TelegramServer = ((emulatorModule as unknown as { default?: typeof Emulator }).default ?? emulatorModule) as unknown as typeof Emulator;
const TOKEN = "7654321:AAEwebhookTestTokenForTheEmulator98";
const SECRET = "webhook-secret-0123456789";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe("webhook mode: the real process checks X-Telegram-Bot-Api-Secret-Token", () => {
  let server: Emulator;
  let child: ChildProcess;
  let out = "";
  let stateDir: string;
  let url: string;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    stateDir = await mkdtemp(join(tmpdir(), "bot-webhook-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    child = spawn(`${ROOT}/node_modules/.bin/tsx`, ["src/main.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        BOT_TOKEN: TOKEN,
        BOT_MODE: "webhook",
        WEBHOOK_URL: url,
        WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: server.config.apiURL,
        DATA_DIR: `${ROOT}/data/directives`,
        STATE_DIR: stateDir,
        HOST: "127.0.0.1",
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!out.includes("receives updates by webhook") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    if (!out.includes("receives updates by webhook")) throw new Error(`webhook e2e: the bot did not start:\n${out}`);
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
    }
    await server?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  const update = {
    update_id: 1,
    message: { message_id: 1, date: 0, chat: { id: 900, type: "private", first_name: "Lan" }, from: { id: 900, is_bot: false, first_name: "Lan" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
  };
  const post = (headers: Record<string, string>) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(update) });

  it("refuses updates without the secret or with a wrong one, and handles the right one", async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong-secret-wrong-secret" })).status).toBe(401);
    const ok = await post({ "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(ok.status).toBe(200);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(TOKEN);
  }, 30_000);
});

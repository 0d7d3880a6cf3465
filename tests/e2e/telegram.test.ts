import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import emulatorModule from "telegram-test-api";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";

// The package is CommonJS with `module.exports = TelegramServer`; its typings describe an ES default export.
const TelegramServer = ((emulatorModule as unknown as { default?: typeof Emulator }).default ?? emulatorModule) as unknown as typeof Emulator;
const TOKEN = "1234567:AAEe2eTestTokenForTheEmulator0123456";

interface BotMessage {
  messageId: number;
  message: { text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`e2e: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("end to end: the real process against the telegram-test-api emulator", () => {
  let server: Emulator;
  let child: ChildProcess;
  let out = "";
  let stateDir: string;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    stateDir = await mkdtemp(join(tmpdir(), "bot-e2e-"));
    // `npm start` runs exactly this; the env points the bot at the emulator.
    child = spawn(`${ROOT}/node_modules/.bin/tsx`, ["src/main.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        DATA_DIR: `${ROOT}/data/directives`,
        STATE_DIR: stateDir,
        PUBLIC_BASE_URL: "http://bot.test",
        PORT: String(await freePort()),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    await until("the bot to start polling", () => (out.includes("is polling") ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
    }
    await server?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  const botMessages = () => (server.storage.botMessages as unknown as BotMessage[]);
  const newBotMessage = (after: number, test: (m: BotMessage) => boolean) =>
    until("a bot message", () => botMessages().slice(after).find(test));

  it("greets on /start, answers a question with a cited seed document, and 'Thêm kết quả' edits the message", async () => {
    expect(out).not.toContain(TOKEN);
    const client = server.getClient(TOKEN, { userId: 501, chatId: 501, type: "private", firstName: "Lan" });
    let seen = botMessages().length;
    await client.sendCommand(client.makeCommand("/start"));
    const greeting = await newBotMessage(seen, (m) => m.message.text.includes("Xin chào"));
    expect(greeting.message.text).toContain("Ai chịu trách nhiệm tiêm vắc xin?");

    seen = botMessages().length;
    await client.sendMessage(client.makeMessage("Ai chịu trách nhiệm tiêm vắc xin?"));
    const answer = await newBotMessage(seen, (m) => m.message.text.startsWith("1. "));
    expect(answer.message.text).toMatch(/http:\/\/bot\.test\/d\/2021-[^#"]+#/);
    expect(answer.message.text).toMatch(/Công văn|Chỉ thị|Thông báo/);
    const more = answer.message.reply_markup!.inline_keyboard!.flat().find((b) => b.text === "Thêm kết quả")!;
    expect(more).toBeDefined();

    await client.sendCallback(client.makeCallbackQuery(more.callback_data, { message: { message_id: answer.messageId } }));
    await until("the answer to be edited", () => {
      const edited = botMessages().find((m) => m.messageId === answer.messageId);
      return edited && edited.message.text.startsWith("4. ") ? edited : undefined;
    });
  }, 60_000);

  it("stops cleanly on SIGTERM", async () => {
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => child.once("close", r));
    expect(code).toBe(0);
  }, 30_000);
});

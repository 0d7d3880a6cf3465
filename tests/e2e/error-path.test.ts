import { serve } from "@hono/node-server";
import { run } from "@grammyjs/runner";
import type { Transformer } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createReloader } from "../../src/admin/reloader.ts";
import type { Engine } from "../../src/engine.ts";
import { createBot } from "../../src/bot/create-bot.ts";
import type { BotDeps, BotStore } from "../../src/bot/context.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { createBackgroundTasks } from "../../src/bot/long-work.ts";
import { telegramWebhook } from "../../src/bot/webhook.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createLogger } from "../../src/log.ts";
import { createServer } from "../../src/web/create-server.ts";
import { BOT_INFO, seeds, type Call } from "../bot/harness.ts";
import { freePort, TelegramServer, until } from "./bot-process.ts";

const TOKEN = "7654321:AAEerrorPathTokenForTheEmulator0123";
const SECRET = "error-path-secret-0123456789";
const ADMIN = 9001;

const store: BotStore = {
  recordQuery: () => 1,
  getQuestion: () => undefined,
  setFeedback() {},
  getLang: () => undefined,
  setLang() {},
};

/** The seed engine whose search fails the way a real bug would: an Error with a cause. */
function brokenEngine(engine: Engine): Engine {
  return {
    ...engine,
    ask: () => {
      throw new Error("search: index exploded", { cause: new Error("the root cause: postings out of range") });
    },
  };
}

function logSink() {
  const lines: string[] = [];
  return {
    lines,
    log: createLogger("info", [TOKEN, SECRET], (l) => lines.push(l)),
    failures: () => lines.filter((l) => l.includes("update failed")),
  };
}

/** One "update failed" line, JSON, with the error's message, stack and cause, and no secret. */
function expectLoggedOnce(lines: string[], failures: string[]): void {
  expect(failures, lines.join("\n")).toHaveLength(1);
  const entry = JSON.parse(failures[0]!) as { level: string; err: { message: string; stack: string } };
  expect(entry.level).toBe("error");
  expect(entry.err.message).toContain("search: index exploded");
  expect(entry.err.message).toContain("the root cause");
  expect(entry.err.stack).toMatch(/\n\s+at /);
  expect(entry.err.stack).toContain("caused by: Error: the root cause");
  expect(lines.join("\n")).not.toContain(TOKEN);
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("one error path: a handler that throws", () => {
  it("polling (runner, real HTTP to the emulator): the user gets the apology, the error is logged once", async () => {
    const server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    cleanups.push(() => server.stop());
    const sink = logSink();
    const engine = brokenEngine(await seeds());
    const bot = createBot(
      { engine: () => engine, store, publicBaseUrl: "http://bot.test", log: sink.log },
      { token: TOKEN, apiRoot: server.config.apiURL },
    );
    await bot.init();
    const runner = run(bot);
    cleanups.push(() => (runner.isRunning() ? runner.stop() : undefined));

    const client = server.getClient(TOKEN, { userId: 601, chatId: 601, type: "private", firstName: "Lan" });
    await client.sendMessage(client.makeMessage("Ai chịu trách nhiệm tiêm vắc xin?"));
    const messages = () => server.storage.botMessages as unknown as { message: { text: string } }[];
    await until("the apology", () => messages().find((m) => m.message.text === MESSAGES.vi.error));
    // The runner keeps going: the next update is handled.
    await client.sendCommand(client.makeCommand("/start"));
    await until("the greeting after the failure", () => messages().find((m) => m.message.text.includes("Xin chào")));
    expectLoggedOnce(sink.lines, sink.failures());
  }, 60_000);

  it("webhook over real HTTP: 200 for the failed update (no redelivery), the apology, one log line; 401 without the secret", async () => {
    const sink = logSink();
    const engine = brokenEngine(await seeds());
    const calls: Call[] = [];
    const api: Transformer = async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return {
        ok: true,
        result:
          method === "sendMessage"
            ? { message_id: calls.length, date: 0, chat: { id: 602, type: "private" }, text: "" }
            : true,
      } as never;
    };
    const bot = createBot(
      { engine: () => engine, store, publicBaseUrl: "http://bot.test", log: sink.log },
      { token: TOKEN, botInfo: BOT_INFO, transformers: [api] },
    );
    const url = await listen(bot, sink.log);
    const update = privateUpdate(602, "Ai chịu trách nhiệm tiêm vắc xin?");
    expect((await post(url, update, {})).status).toBe(401);
    const res = await post(url, update, { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(res.status).toBe(200);
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([MESSAGES.vi.error]);
    expectLoggedOnce(sink.lines, sink.failures());
  }, 30_000);

  it("webhook: /reload is acknowledged before the reload runs; its report follows from the background", async () => {
    const sink = logSink();
    const engine = await seeds();
    const calls: Call[] = [];
    const api: Transformer = async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return {
        ok: true,
        result:
          method === "sendMessage"
            ? { message_id: calls.length, date: 0, chat: { id: ADMIN, type: "private" }, text: "" }
            : true,
      } as never;
    };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let current = engine.corpus;
    const reloader = createReloader({
      // The real loader, held back until the test has seen the webhook's answer.
      load: async () => {
        await gate;
        return loadCorpus("data/directives", { maxFileBytes: 1 << 26 });
      },
      current: () => current,
      swap: (corpus) => void (current = corpus),
      announce: () => 0,
      log: sink.log,
    });
    const admin: NonNullable<BotDeps["admin"]> = {
      reloader,
      audit: { record() {} },
      usage: () =>
        ({
          today: 0,
          week: 0,
          answeredRate: null,
          medianLatencyMs: null,
          top: [],
          feedback: { up: 0, down: 0 },
        }) as never,
      unanswered: () => [],
      addGlossary() {},
      process: () => ({ heapMB: 0, buffersMB: 0, uptimeS: 0 }),
    };
    const background = createBackgroundTasks({ log: sink.log });
    const bot = createBot(
      { engine: () => engine, store, publicBaseUrl: "http://bot.test", log: sink.log, adminIds: [ADMIN], admin },
      { token: TOKEN, botInfo: BOT_INFO, transformers: [api], background },
    );
    const url = await listen(bot, sink.log);
    const res = await post(url, privateUpdate(ADMIN, "/reload"), { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(res.status).toBe(200);
    const texts = () => calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(texts()).toEqual([MESSAGES.vi.admin.reloading]);
    expect(background.size).toBe(1);
    release();
    await until("the reload report", () => (texts().length === 2 ? true : undefined));
    expect(await background.settled(5000)).toBe(0);
    expect(sink.failures()).toEqual([]);
  }, 30_000);
});

async function listen(bot: ReturnType<typeof createBot>, log: ReturnType<typeof createLogger>): Promise<string> {
  const app = createServer({
    engine: () => {
      throw new Error("unused");
    },
    publicBaseUrl: "http://bot.test",
    version: "test",
    webhook: { path: "/telegram/webhook", handle: telegramWebhook(bot, SECRET, log) },
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${port}/telegram/webhook`;
}

function post(url: string, update: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(update),
  });
}

let updateId = 1;
function privateUpdate(userId: number, text: string) {
  const command = text.startsWith("/")
    ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
    : {};
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: userId, type: "private", first_name: "Lan" },
      from: { id: userId, is_bot: false, first_name: "Lan" },
      text,
      ...command,
    },
  };
}

import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { announceCorpus } from "../../src/alerts/announce.ts";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { renderAlert } from "../../src/bot/render-alert.ts";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import type { Engine } from "../../src/engine.ts";
import { REPLY_LIMITS } from "../../src/bot/api-limits.ts";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import { createBot } from "../../src/bot/create-bot.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { createLogger } from "../../src/log.ts";
import { openStore } from "../../src/store/open-store.ts";
import { BAD_GATEWAY, startFakeBotApi, TOO_MANY, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { BOT_INFO, groupText, makeBot, privateText, seeds } from "./harness.ts";

const ADMIN = 9001;
const QUESTION = "Ai chịu trách nhiệm tiêm vắc xin?";

/** A message in forum topic `thread` of the supergroup; `thread` undefined: in General (no is_topic_message). */
function topicText(text: string, thread: number | undefined, options: { generalReplyThread?: number } = {}): Update {
  const u = groupText(text, { fromId: ADMIN }) as unknown as { message: Record<string, unknown> };
  u.message.chat = { id: -100500, type: "supergroup", title: "Chi bộ", is_forum: true };
  if (thread !== undefined) Object.assign(u.message, { is_topic_message: true, message_thread_id: thread });
  // Telegram puts the replied-to message's id here for a reply in General: it is not a topic.
  else if (options.generalReplyThread !== undefined) u.message.message_thread_id = options.generalReplyThread;
  return u as unknown as Update;
}

const sent = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => c.payload);

describe("bot: handleUpdate with a handler that throws", () => {
  it("resolves, apologises once in the chat, logs the error once with its cause", async () => {
    const engine = await seeds();
    const broken: Engine = {
      ...engine,
      ask: () => {
        throw new Error("search: broken", { cause: new Error("deep cause") });
      },
    };
    const { bot, calls, logs } = await makeBot(botStoreFrom(openStore(":memory:")), undefined, 1000, {
      engine: () => broken,
    });
    await expect(bot.handleUpdate(privateText(QUESTION))).resolves.toBeUndefined();
    expect(sent(calls).map((p) => p.text)).toEqual([MESSAGES.vi.error]);
    const failures = logs.filter((l) => l.includes("update failed"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("deep cause");
  });
});

describe("bot: forum topics", () => {
  it("answers a question asked in a topic in that topic, and one asked in General without a thread id", async () => {
    const { bot, calls } = await makeBot(botStoreFrom(openStore(":memory:")));
    await bot.handleUpdate(topicText(`/hoi ${QUESTION}`, 31));
    expect(sent(calls).length).toBeGreaterThan(0);
    for (const p of sent(calls)) expect(p.message_thread_id).toBe(31);
    calls.length = 0;
    await bot.handleUpdate(topicText(`/hoi ${QUESTION}`, undefined, { generalReplyThread: 5 }));
    expect(sent(calls).length).toBeGreaterThan(0);
    for (const p of sent(calls)) expect(p).not.toHaveProperty("message_thread_id");
  });

  it("/dangky in a topic subscribes that topic; the alert is queued for it, General's for the chat itself", async () => {
    const store = openStore(":memory:");
    const subscriptions = createSubscriptions(store.db);
    const queue = createDeliveryQueue(store.db);
    const alerts = {
      subscriptions,
      recentCounts: () => [],
      cancelQueued: (chatId: number, threadId: number) => void queue.cancelQueued(chatId, "unsubscribed", threadId),
    };
    const { bot, calls } = await makeBot(botStoreFrom(store), undefined, 1000, { alerts, adminIds: [ADMIN] });
    await bot.handleUpdate(topicText("/dangky", 31));
    await bot.handleUpdate(topicText("/dangky tiêm chủng", 44));
    await bot.handleUpdate(topicText("/dangky", undefined, { generalReplyThread: 9 }));
    expect(
      sent(calls).every((p) => p.message_thread_id === undefined || [31, 44].includes(p.message_thread_id as number)),
    ).toBe(true);
    expect(subscriptions.list(-100500).map((s) => [s.threadId, s.filter])).toEqual([
      [31, ""],
      [44, "tiem chung"],
      [0, ""],
    ]);
    expect(subscriptions.list(-100500, 44).map((s) => s.filter)).toEqual(["tiem chung"]);

    const engine = await seeds();
    const a = announceCorpus(engine.corpus, {
      subscriptions,
      enqueue: (rows) => queue.enqueue(rows),
      render: (doc, kind) => renderAlert(doc, kind, MESSAGES.vi, "http://bot.test", "VanBanBot"),
      alertOnFirstLoad: true,
    });
    const rows = queue.due(1000);
    expect(rows.length).toBe(a.queued);
    const threads = new Set(rows.map((r) => r.threadId));
    expect(threads).toEqual(new Set([31, 44, 0]));
    // Every document reaches topic 31 and General; topic 44 only those that match its filter.
    const docs = engine.corpus.documents.size;
    expect(rows.filter((r) => r.threadId === 31)).toHaveLength(docs);
    expect(rows.filter((r) => r.threadId === 0)).toHaveLength(docs);
    expect(rows.filter((r) => r.threadId === 44).length).toBeLessThanOrEqual(docs);

    // /huydangky in topic 44 drops that topic's queued alerts only.
    await bot.handleUpdate(topicText("/huydangky", 44));
    expect(subscriptions.list(-100500).map((s) => s.threadId)).toEqual([31, 0]);
    expect(queue.due(1000).some((r) => r.threadId === 44)).toBe(false);
    expect(queue.due(1000).filter((r) => r.threadId === 31)).toHaveLength(docs);
  });
});

describe("bot: the rate-limit notice", () => {
  it("goes once per window and chat, however many messages exceed the limit", async () => {
    const { bot, calls } = await makeBot(botStoreFrom(openStore(":memory:")), undefined, 2);
    for (let i = 0; i < 8; i++) await bot.handleUpdate(privateText("/start"));
    const notices = sent(calls).filter((p) => p.text === MESSAGES.vi.rateLimited);
    expect(notices).toHaveLength(1);
    expect(sent(calls).filter((p) => p.text !== MESSAGES.vi.rateLimited)).toHaveLength(2);
  });
});

describe("bot: replies to users give up within seconds when Telegram fails (real HTTP on 127.0.0.1)", () => {
  let server: FakeBotApi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function botAgainst(limits = REPLY_LIMITS) {
    server = await startFakeBotApi();
    const lines: string[] = [];
    const bot = createBot(
      {
        engine: () => engine,
        store: botStoreFrom(openStore(":memory:")),
        publicBaseUrl: "http://bot.test",
        log: createLogger("info", [], (l) => lines.push(l)),
      },
      { token: "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz", apiRoot: server.apiRoot, botInfo: BOT_INFO, limits },
    );
    return { bot, server, lines };
  }
  let engine: Engine;
  const sends = (s: FakeBotApi) => s.requests.filter((r) => r.method === "sendMessage");

  it("a dropped connection: a few quick retries per message, then the update ends with the error logged", async () => {
    engine = await seeds();
    const { bot, server, lines } = await botAgainst();
    server.script("sendMessage", "drop");
    const t0 = Date.now();
    await bot.handleUpdate(privateText("/start"));
    // The greeting and the apology: each the first try plus REPLY_LIMITS.transientRetries.
    expect(sends(server)).toHaveLength(2 * (1 + REPLY_LIMITS.transientRetries));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(lines.filter((l) => l.includes("update failed"))).toHaveLength(1);
  }, 20_000);

  it("a 429 asking for longer than maxDelaySeconds fails at once; a 5xx is retried transientRetries times", async () => {
    engine = await seeds();
    const { bot, server } = await botAgainst();
    server.script("sendMessage", TOO_MANY(REPLY_LIMITS.maxDelaySeconds + 25), BAD_GATEWAY);
    const t0 = Date.now();
    await bot.handleUpdate(privateText("/start"));
    // Greeting: the 429, no retry. Apology: 502, then transientRetries more 502s.
    expect(sends(server)).toHaveLength(1 + 1 + REPLY_LIMITS.transientRetries);
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 20_000);

  it("a 429 within maxDelaySeconds is waited out and the reply delivered", async () => {
    engine = await seeds();
    const { bot, server, lines } = await botAgainst();
    server.script("sendMessage", TOO_MANY(1), "ok");
    await bot.handleUpdate(privateText("/start"));
    const [first, second] = sends(server);
    expect(sends(server)).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(lines.filter((l) => l.includes("update failed"))).toEqual([]);
  }, 20_000);

  it("a stalled Telegram: each call is cut at timeoutMs", async () => {
    engine = await seeds();
    const { bot, server } = await botAgainst({ ...REPLY_LIMITS, timeoutMs: 300, transientRetries: 0 });
    server.script("sendMessage", "stall");
    const t0 = Date.now();
    await bot.handleUpdate(privateText("/start"));
    expect(sends(server)).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(3_000);
  }, 20_000);
});

import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { backoffMs, classifySendFailure, createDeliveryWorker } from "../../src/alerts/delivery-worker.ts";
import type { DeliveryWorkerOptions } from "../../src/alerts/delivery-worker.ts";
import type { Harness } from "./delivery-harness.ts";
import {
  KEYBOARD,
  T0,
  alert,
  apiError,
  deliveryRows,
  fakeSend,
  openHarness,
  silentLog,
  subscribe,
  subscriptionsOf,
  until,
} from "./delivery-harness.ts";

function worker(h: Harness, send: DeliveryWorkerOptions["send"], options: Partial<DeliveryWorkerOptions> = {}) {
  return createDeliveryWorker({
    queue: h.queue,
    send,
    now: h.clock.now,
    sleep: h.clock.sleep,
    log: silentLog,
    ...options,
  });
}

const BLOCKED = "Forbidden: bot was blocked by the user";

describe("classifySendFailure", () => {
  it("sorts Telegram's answers into what the worker does", () => {
    expect(classifySendFailure(apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }))).toEqual({
      kind: "flood",
      retryAfterMs: 7000,
    });
    expect(
      classifySendFailure(
        apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1009 }),
      ),
    ).toEqual({ kind: "migrated", newChatId: -1009 });
    expect(classifySendFailure(apiError(403, BLOCKED))).toEqual({ kind: "gone" });
    expect(classifySendFailure(apiError(400, "Bad Request: chat not found"))).toEqual({ kind: "gone" });
    expect(classifySendFailure(apiError(400, "Bad Request: can't parse entities"))).toEqual({ kind: "rejected" });
    expect(classifySendFailure(apiError(502, "Bad Gateway"))).toEqual({ kind: "transient" });
    expect(
      classifySendFailure(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"))),
    ).toEqual({ kind: "transient" });
  });

  it("backs off 2, 4, 8 … seconds, at most 10 minutes", () => {
    expect([1, 2, 3, 9, 10, 30].map(backoffMs)).toEqual([2000, 4000, 8000, 512_000, 600_000, 600_000]);
  });
});

describe("delivery worker", () => {
  it("sends the rendered text and keyboard, marks the row sent, and never sends it again", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock);
    h.queue.enqueue([alert(-100)]);
    const w = worker(h, fake.send);
    expect(await w.runOnce()).toBe(1);
    expect(fake.calls).toEqual([{ chatId: -100, text: "<b>Văn bản mới</b> cv-146", replyMarkup: KEYBOARD, at: T0 }]);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "sent", attempts: 1, sent_at: new Date(T0).toISOString() });
    h.clock.advance(3_600_000);
    expect(await w.runOnce()).toBe(0);
    expect(fake.calls).toHaveLength(1);
  });

  it("429: the whole worker waits retry_after, then delivers (the wait is not an attempt)", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock, (chatId, n) =>
      chatId === -1 && n === 0 ? apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }) : undefined,
    );
    h.queue.enqueue([alert(-1), alert(-2)]);
    const w = worker(h, fake.send);
    w.start();
    await until(() => fake.accepted().length === 2);
    await w.stop();
    expect(fake.calls.map((c) => [c.chatId, c.at - T0, c.error === undefined])).toEqual([
      [-1, 0, false],
      [-2, 7000, true], // chat -2 waited too: the flood limit is per bot
      [-1, 7000, true], // not before retry_after
    ]);
    expect(deliveryRows(h.store).map((r) => [r.state, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  });

  it("403: every subscription of the chat is paused after exactly one attempt, its other alerts dropped", async () => {
    const h = openHarness();
    subscribe(h.store, 7, "");
    subscribe(h.store, 7, "Chỉ thị");
    const fake = fakeSend(h.clock, (chatId) => (chatId === 7 ? apiError(403, BLOCKED) : undefined));
    h.queue.enqueue([alert(7, "a"), alert(7, "b"), alert(7, "c"), alert(8, "a")]);
    const w = worker(h, fake.send);
    for (let i = 0; i < 20; i++) {
      await w.runOnce();
      h.clock.advance(60_000);
    }
    expect(fake.calls.filter((c) => c.chatId === 7)).toHaveLength(1);
    expect(subscriptionsOf(h.store, 7).map((s) => [s.active, s.paused_reason])).toEqual([
      [0, `403: ${BLOCKED}`],
      [0, `403: ${BLOCKED}`],
    ]);
    expect(deliveryRows(h.store).map((r) => [r.doc_id, r.chat_id, r.state])).toEqual([
      ["a", 7, "inactive"],
      ["b", 7, "inactive"],
      ["c", 7, "inactive"],
      ["a", 8, "sent"],
    ]);
  });

  it("400 chat not found is treated like 403", async () => {
    const h = openHarness();
    subscribe(h.store, 9);
    const fake = fakeSend(h.clock, () => apiError(400, "Bad Request: chat not found"));
    h.queue.enqueue([alert(9)]);
    const w = worker(h, fake.send);
    await w.runOnce();
    h.clock.advance(600_000);
    await w.runOnce();
    expect(fake.calls).toHaveLength(1);
    expect(subscriptionsOf(h.store, 9)[0]).toMatchObject({
      active: 0,
      paused_reason: "400: Bad Request: chat not found",
    });
    expect(deliveryRows(h.store)[0]!.state).toBe("inactive");
  });

  it("a migrated group: subscription re-keyed, alert retried at once under the new id", async () => {
    const h = openHarness();
    subscribe(h.store, -100, "Kiên Giang");
    const upgraded = apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
      migrate_to_chat_id: -1001234,
    });
    const fake = fakeSend(h.clock, (chatId) => (chatId === -100 ? upgraded : undefined));
    h.queue.enqueue([alert(-100)]);
    const w = worker(h, fake.send);
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(1); // same instant: no wait for the new chat
    expect(fake.calls.map((c) => [c.chatId, c.at - T0, c.error === undefined])).toEqual([
      [-100, 0, false],
      [-1001234, 0, true],
    ]);
    expect(subscriptionsOf(h.store, -100)).toEqual([]);
    expect(subscriptionsOf(h.store, -1001234)).toEqual([
      { chat_id: -1001234, chat_type: "supergroup", filter: "Kiên Giang", active: 1, paused_reason: null },
    ]);
    expect(deliveryRows(h.store)[0]).toMatchObject({ chat_id: -1001234, state: "sent", attempts: 1 });
  });

  it("5xx and network errors are retried with exponential backoff, then delivered", async () => {
    const h = openHarness();
    const network = new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"));
    const fake = fakeSend(h.clock, (_chatId, n) => [apiError(502, "Bad Gateway"), network][n]);
    h.queue.enqueue([alert(5)]);
    const w = worker(h, fake.send, { perChatIntervalMs: 0 });
    w.start();
    await until(() => fake.accepted().length === 1);
    await w.stop();
    // 2 s after the 1st failure, 4 s after the 2nd; the idle poll (500 ms) lands exactly on both.
    expect(fake.calls.map((c) => c.at - T0)).toEqual([0, 2000, 6000]);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "sent", attempts: 3, last_error: null });
  });

  it("gives up after maxAttempts and marks the delivery failed", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock, () => apiError(502, "Bad Gateway"));
    h.queue.enqueue([alert(5)]);
    const w = worker(h, fake.send, { maxAttempts: 3 });
    for (let i = 0; i < 10; i++) {
      await w.runOnce();
      h.clock.advance(600_000);
    }
    expect(fake.calls).toHaveLength(3);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "failed", attempts: 3, last_error: "502: Bad Gateway" });
  });

  it("a 4xx about the message itself fails at once", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock, () => apiError(400, "Bad Request: can't parse entities: unsupported start tag"));
    h.queue.enqueue([alert(5)]);
    const w = worker(h, fake.send);
    await w.runOnce();
    h.clock.advance(600_000);
    await w.runOnce();
    expect(fake.calls).toHaveLength(1);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "failed", attempts: 1 });
  });

  it("a chat in its cool-down is skipped, not blocking the others", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock);
    h.queue.enqueue([alert(1, "a"), alert(1, "b"), alert(1, "c"), alert(2, "a"), alert(3, "a")]);
    const w = worker(h, fake.send);
    w.start();
    await until(() => fake.calls.length === 5);
    await w.stop();
    expect(fake.calls.map((c) => [c.chatId, c.at - T0])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [1, 3000],
      [1, 6000],
    ]);
  });

  it("stop() lets the send in flight finish and records it", async () => {
    const h = openHarness();
    let accept: () => void = () => {};
    let calls = 0;
    const send = () => {
      calls += 1;
      return new Promise<void>((resolve) => (accept = resolve));
    };
    h.queue.enqueue([alert(1), alert(2)]);
    const w = worker(h, send);
    w.start();
    await until(() => calls === 1);
    const stopped = w.stop();
    accept();
    await stopped;
    expect(calls).toBe(1);
    expect(deliveryRows(h.store).map((r) => r.state)).toEqual(["sent", "pending"]);
  });

  it("start() re-queues a row a crashed run left in 'sending' and delivers it", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock);
    h.queue.enqueue([alert(1)]);
    h.queue.markSending(h.queue.due(1)[0]!.id); // the crashed run's row in flight
    const w = worker(h, fake.send);
    expect(await w.runOnce()).toBe(0); // not pending: a running worker never takes over another's row
    w.start();
    await until(() => fake.calls.length === 1);
    await w.stop();
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("wake() starts on new rows without waiting for the poll", async () => {
    const h = openHarness();
    const fake = fakeSend(h.clock);
    let slept = 0;
    // A sleep that never ends by itself: only wake() (or stop()) can end it.
    const sleep = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((_resolve, reject: (reason: unknown) => void) => {
        slept += 1;
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    const w = worker(h, fake.send, { sleep });
    w.start();
    await until(() => slept === 1);
    h.queue.enqueue([alert(1)]);
    w.wake();
    await until(() => fake.calls.length === 1);
    await w.stop();
  });

  it("rejects nonsense limits with a message naming the option", () => {
    const h = openHarness();
    const send = async () => {};
    expect(() => worker(h, send, { globalPerSecond: 0 })).toThrow(
      "delivery worker: globalPerSecond must be a positive integer, got 0",
    );
    expect(() => worker(h, send, { perChatIntervalMs: -1 })).toThrow(
      "delivery worker: perChatIntervalMs must be ≥ 0, got -1",
    );
    expect(() => worker(h, send, { maxAttempts: 1.5 })).toThrow(
      "delivery worker: maxAttempts must be a positive integer, got 1.5",
    );
  });
});

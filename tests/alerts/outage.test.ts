import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryWorker } from "../../src/alerts/delivery-worker.ts";
import { createAlertSender } from "../../src/bot/alert-sender.ts";
import { BAD_GATEWAY, BLOCKED, startFakeBotApi, TOO_MANY, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import {
  alert,
  deliveryRows,
  openHarness,
  silentLog,
  subscribe,
  subscriptionsOf,
  T0,
  type Harness,
} from "./delivery-harness.ts";

const TOKEN = "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz";
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** The production sender against a real HTTP server on 127.0.0.1; the worker's clock is the harness's fake one. */
async function setup(
  timeoutSeconds = 20,
): Promise<{ h: Harness; server: FakeBotApi; worker: ReturnType<typeof createDeliveryWorker> }> {
  const h = openHarness();
  const server = await startFakeBotApi();
  api = server;
  const send = createAlertSender({ token: TOKEN, apiRoot: server.apiRoot, timeoutSeconds });
  const worker = createDeliveryWorker({ queue: h.queue, send, now: h.clock.now, sleep: h.clock.sleep, log: silentLog });
  return { h, server, worker };
}

const sends = (server: FakeBotApi) => server.requests.filter((r) => r.method === "sendMessage");

describe("alert worker during a Telegram outage (real HTTP, no auto-retry underneath)", () => {
  it("a 429 reaches the worker once: the row waits retry_after without losing an attempt, and every send pauses", async () => {
    const { h, server, worker } = await setup();
    server.script("sendMessage", TOO_MANY(7), "ok");
    h.queue.enqueue([alert(-100), alert(-200)]);
    expect(await worker.runOnce()).toBe(1);
    expect(sends(server)).toHaveLength(1);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "pending", attempts: 0, next_attempt_at: T0 + 7000 });
    h.clock.advance(6000);
    expect(await worker.runOnce()).toBe(0); // the other chat waits too: a 429 is per bot
    expect(sends(server)).toHaveLength(1);
    h.clock.advance(1000);
    expect(await worker.runOnce()).toBe(2);
    expect(deliveryRows(h.store).map((r) => r.state)).toEqual(["sent", "sent"]);
  });

  it("a 5xx and a dropped connection are one request each, retried by the worker's backoff, then sent", async () => {
    const { h, server, worker } = await setup();
    server.script("sendMessage", BAD_GATEWAY, "drop", "ok");
    h.queue.enqueue([alert(-100)]);
    await worker.runOnce();
    expect(sends(server)).toHaveLength(1);
    expect(deliveryRows(h.store)[0]).toMatchObject({
      state: "pending",
      attempts: 1,
      next_attempt_at: T0 + 2000,
      last_error: "502: Bad Gateway",
    });
    h.clock.advance(3000); // the backoff (2 s) and the group's interval (3 s) both passed
    await worker.runOnce();
    expect(sends(server)).toHaveLength(2);
    expect(deliveryRows(h.store)[0]).toMatchObject({
      state: "pending",
      attempts: 2,
      next_attempt_at: T0 + 3000 + 4000,
    });
    expect(deliveryRows(h.store)[0]!.last_error).toMatch(/sendMessage/);
    h.clock.advance(4000);
    await worker.runOnce();
    expect(sends(server)).toHaveLength(3);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "sent", attempts: 3 });
  });

  it("a 403 pauses the chat's subscriptions after one request", async () => {
    const { h, server, worker } = await setup();
    subscribe(h.store, -100);
    server.script("sendMessage", BLOCKED);
    h.queue.enqueue([alert(-100)]);
    await worker.runOnce();
    expect(sends(server)).toHaveLength(1);
    expect(deliveryRows(h.store)[0]!.state).toBe("inactive");
    expect(subscriptionsOf(h.store, -100)[0]).toMatchObject({ active: 0 });
  });

  it("stop() returns within 5 s while Telegram stalls the send; the row goes back to the queue", async () => {
    const h = openHarness();
    const server = await startFakeBotApi();
    api = server;
    server.script("sendMessage", "stall");
    // Real time here: the worker's loop, its idle sleeps and the HTTP call all run as in production.
    const send = createAlertSender({ token: TOKEN, apiRoot: server.apiRoot, timeoutSeconds: 20 });
    const worker = createDeliveryWorker({ queue: h.queue, send, now: Date.now, log: silentLog });
    h.queue.enqueue([alert(-100)]);
    worker.start();
    const deadline = Date.now() + 5000;
    while (sends(server).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sends(server)).toHaveLength(1);
    const t0 = Date.now();
    await worker.stop();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(deliveryRows(h.store)[0]).toMatchObject({
      state: "pending",
      attempts: 0,
      last_error: "aborted: the worker stopped during the send",
    });
  });

  it("sends an alert for a forum topic into that topic, and one for the chat without a thread id", async () => {
    const { h, server, worker } = await setup();
    h.queue.enqueue([{ ...alert(-100), threadId: 77 }, alert(-200)]);
    await worker.runOnce();
    const bodies = sends(server).map((r) => r.body);
    expect(bodies.find((b) => b.chat_id === -100)).toMatchObject({ message_thread_id: 77 });
    expect(bodies.find((b) => b.chat_id === -200)).not.toHaveProperty("message_thread_id");
  });
});

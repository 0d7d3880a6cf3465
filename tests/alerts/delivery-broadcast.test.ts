import { describe, expect, it } from "vitest";
import { createDeliveryWorker } from "../../src/alerts/delivery-worker.ts";
import type { SentCall } from "./delivery-harness.ts";
import { T0, alert, deliveryRows, fakeSend, openHarness, silentLog, subscribe, until } from "./delivery-harness.ts";

/** The largest number of calls in any one-second window [t, t + 1000). */
function busiestSecond(calls: readonly SentCall[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < times.length; start++) {
    while (end < times.length && times[end]! < times[start]! + 1000) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

/** The shortest time between two calls to the same chat, or Infinity. */
function closestRepeat(calls: readonly SentCall[]): number {
  const last = new Map<number, number>();
  let closest = Infinity;
  for (const call of [...calls].sort((a, b) => a.at - b.at)) {
    const before = last.get(call.chatId);
    if (before !== undefined) closest = Math.min(closest, call.at - before);
    last.set(call.chatId, call.at);
  }
  return closest;
}

async function broadcast(chats: number, docsPerChat: number) {
  const h = openHarness();
  const fake = fakeSend(h.clock);
  const requests = [];
  for (let d = 0; d < docsPerChat; d++) {
    for (let c = 1; c <= chats; c++) {
      if (d === 0) subscribe(h.store, -c);
      requests.push(alert(-c, `doc-${d}`));
    }
  }
  expect(h.queue.enqueue(requests)).toBe(chats * docsPerChat);
  const worker = createDeliveryWorker({
    queue: h.queue,
    send: fake.send,
    now: h.clock.now,
    sleep: h.clock.sleep,
    log: silentLog,
  });
  worker.start();
  await until(() => fake.calls.length >= chats * docsPerChat, 15_000);
  await worker.stop();
  return { h, calls: fake.calls };
}

describe("broadcast to many chats under the rate limits (fake clock)", () => {
  it("1,000 subscribed chats each get the alert exactly once, ≤ 25 per second", async () => {
    const { h, calls } = await broadcast(1000, 1);
    expect(calls).toHaveLength(1000);
    expect(new Set(calls.map((c) => c.chatId)).size).toBe(1000);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(25);
    // …and not slower than the limit allows: 1,000 at 25/s is 39 s after the first second.
    expect(calls.at(-1)!.at - T0).toBeLessThan(40_000);
    expect(deliveryRows(h.store).every((r) => r.state === "sent" && r.attempts === 1)).toBe(true);
    expect(h.queue.counts()).toEqual([{ docId: "doc-0", queued: 0, sent: 1000, failed: 0, inactive: 0 }]);
  });

  it("200 chats × 5 documents: each pair exactly once, ≤ 25 per second, no chat twice within 3 s", async () => {
    const { h, calls } = await broadcast(200, 5);
    expect(calls).toHaveLength(1000);
    const pairs = new Set(calls.map((c) => `${c.chatId} ${c.text}`));
    expect(pairs.size).toBe(1000);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(25);
    expect(closestRepeat(calls)).toBeGreaterThanOrEqual(3000);
    expect(deliveryRows(h.store).filter((r) => r.state !== "sent")).toEqual([]);
  });
});

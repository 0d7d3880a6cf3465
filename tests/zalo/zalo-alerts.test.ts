import { describe, expect, it } from "vitest";
import { createDeliveryWorker } from "../../src/alerts/delivery-worker.ts";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import { zaloAlertSender } from "../../src/zalo/alert-sender.ts";
import { ZaloApiError } from "../../src/zalo/client.ts";
import { zaloKey } from "../../src/zalo/ids.ts";
import { T0, alert, deliveryRows, fakeSend, openHarness, silentLog, until } from "../alerts/delivery-harness.ts";

/** A Zalo client stub that fails the first `failures` sends to a chat with the given Bot API error. */
function zaloClient(
  now: () => number,
  fail: (chatId: string, n: number) => ZaloApiError | undefined = () => undefined,
) {
  const calls: { chatId: string; text: string; at: number; ok: boolean }[] = [];
  const client = {
    async sendMessage(chatId: string, text: string) {
      const error = fail(chatId, calls.filter((c) => c.chatId === chatId).length);
      calls.push({ chatId, text, at: now(), ok: !error });
      if (error) throw error;
      return {};
    },
  };
  return { client, calls };
}

/** The one delivery worker, Telegram through `tg` and Zalo through the stub client, on the harness's clock. */
function workerFor(
  h: ReturnType<typeof openHarness>,
  tg: ReturnType<typeof fakeSend>,
  zalo: ReturnType<typeof zaloClient>,
) {
  return createDeliveryWorker({
    queue: h.queue,
    send: tg.send,
    senders: { zalo: zaloAlertSender(zalo.client) },
    now: h.clock.now,
    sleep: h.clock.sleep,
    log: silentLog,
  });
}

describe("Zalo alerts through the shared delivery queue", () => {
  it("sends a Zalo row through the Zalo sender with the raw Zalo chat id, a Telegram row through Telegram", async () => {
    const h = openHarness();
    const tg = fakeSend(h.clock);
    const zalo = zaloClient(h.clock.now);
    h.queue.enqueue([
      alert(-100),
      { ...alert(0), chatId: zaloKey("grp-1"), channel: "zalo", text: "🆕 Văn bản mới cv-146" },
    ]);
    const w = workerFor(h, tg, zalo);
    expect(await w.runOnce()).toBe(2);
    expect(tg.calls.map((c) => c.chatId)).toEqual([-100]);
    expect(zalo.calls).toEqual([{ chatId: "grp-1", text: "🆕 Văn bản mới cv-146", at: T0, ok: true }]);
    expect(deliveryRows(h.store).map((r) => r.state)).toEqual(["sent", "sent"]);
  });

  it("Zalo 429 pauses only Zalo (a minute, not an attempt); Telegram keeps sending", async () => {
    const h = openHarness();
    const tg = fakeSend(h.clock);
    const zalo = zaloClient(h.clock.now, (_, n) =>
      n === 0 ? new ZaloApiError("sendMessage", 429, "Quota exceeded") : undefined,
    );
    h.queue.enqueue([{ ...alert(0), chatId: zaloKey("grp-1"), channel: "zalo", text: "z" }, alert(-1), alert(-2)]);
    const w = workerFor(h, tg, zalo);
    w.start();
    await until(() => zalo.calls.filter((c) => c.ok).length === 1 && tg.accepted().length === 2);
    await w.stop();
    expect(tg.calls.map((c) => c.at - T0)).toEqual([0, 0]);
    expect(zalo.calls.map((c) => [c.at - T0, c.ok])).toEqual([
      [0, false],
      [60_000, true],
    ]);
    expect(deliveryRows(h.store)[0]).toMatchObject({ chat_id: zaloKey("grp-1"), state: "sent", attempts: 1 });
  });

  it("a Zalo group the bot left pauses its subscriptions; a Zalo row waits while Zalo is off", async () => {
    const h = openHarness();
    const subs = createSubscriptions(h.store.db, () => new Date(h.clock.now()));
    subs.subscribe(zaloKey("gone"), "group", "", zaloKey("u1"), 0, "zalo");
    const zalo = zaloClient(h.clock.now, () => new ZaloApiError("sendMessage", 404, "Not found: chat not found"));
    h.queue.enqueue([{ ...alert(0), chatId: zaloKey("gone"), channel: "zalo", text: "z" }]);
    const off = createDeliveryWorker({
      queue: h.queue,
      send: fakeSend(h.clock).send,
      now: h.clock.now,
      sleep: h.clock.sleep,
      log: silentLog,
    });
    expect(await off.runOnce()).toBe(0);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "pending", attempts: 0 });
    const on = createDeliveryWorker({
      queue: h.queue,
      senders: { zalo: zaloAlertSender(zalo.client) },
      now: h.clock.now,
      sleep: h.clock.sleep,
      log: silentLog,
    });
    expect(await on.runOnce()).toBe(1);
    expect(deliveryRows(h.store)[0]).toMatchObject({ state: "inactive" });
    expect(subs.list(zaloKey("gone"))).toEqual([expect.objectContaining({ channel: "zalo", active: false })]);
  });
});

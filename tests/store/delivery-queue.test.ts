import { describe, expect, it } from "vitest";
import {
  KEYBOARD,
  T0,
  alert,
  deliveryRows,
  openHarness,
  subscribe,
  subscriptionsOf,
} from "../alerts/delivery-harness.ts";

describe("delivery queue", () => {
  it("queues a document version once per chat; a new content hash is a new delivery", () => {
    const { queue, store } = openHarness();
    expect(queue.enqueue([alert(1), alert(2)])).toBe(2);
    expect(queue.enqueue([alert(1), alert(2), alert(3)])).toBe(1);
    expect(queue.enqueue([{ ...alert(1, "cv-146", "h2"), kind: "updated" }])).toBe(1);
    expect(deliveryRows(store).map((r) => [r.chat_id, r.state, r.attempts, r.next_attempt_at])).toEqual([
      [1, "pending", 0, T0],
      [2, "pending", 0, T0],
      [3, "pending", 0, T0],
      [1, "pending", 0, T0],
    ]);
  });

  it("a sent version is not queued again", () => {
    const { queue } = openHarness();
    queue.enqueue([alert(1)]);
    const [row] = queue.due(10);
    queue.markSending(row!.id);
    queue.markSent(row!.id);
    expect(queue.enqueue([alert(1)])).toBe(0);
    expect(queue.due(10)).toEqual([]);
  });

  it("rejects a bad kind instead of ignoring it", () => {
    const { queue } = openHarness();
    expect(() => queue.enqueue([{ ...alert(1), kind: "removed" as "new" }])).toThrow(/CHECK constraint failed/);
  });

  it("due: pending rows whose time has come, oldest first, without excluded chats; text and markup round-trip", () => {
    const { queue, clock } = openHarness();
    queue.enqueue([alert(1), alert(2), { ...alert(3), replyMarkup: undefined }]);
    const first = queue.markSending(queue.due(1)[0]!.id)!;
    queue.retryLater(first.id, clock.now() + 5000, "502: Bad Gateway");
    expect(queue.due(10).map((d) => d.chatId)).toEqual([2, 3]);
    expect(queue.due(10, [2]).map((d) => d.chatId)).toEqual([3]);
    const [two, three] = queue.due(10);
    expect(two).toMatchObject({
      docId: "cv-146",
      contentHash: "h1",
      kind: "new",
      text: "<b>Văn bản mới</b> cv-146",
      replyMarkup: KEYBOARD,
    });
    expect(three!.replyMarkup).toBeUndefined();
    clock.advance(5000);
    expect(queue.due(10).map((d) => d.chatId)).toEqual([2, 3, 1]); // ordered by next attempt time
    expect(() => queue.due(0)).toThrow("delivery queue: due expects a positive integer limit, got 0");
  });

  it("markSending claims a row once and counts the attempt; retryLater can give the attempt back", () => {
    const { queue, store, clock } = openHarness();
    queue.enqueue([alert(1)]);
    const id = queue.due(1)[0]!.id;
    expect(queue.markSending(id)).toMatchObject({ id, state: "sending", attempts: 1 });
    expect(queue.markSending(id)).toBeUndefined();
    queue.retryLater(id, clock.now() + 7000, "429: Too Many Requests: retry after 7", { countAttempt: false });
    expect(deliveryRows(store)[0]).toMatchObject({
      state: "pending",
      attempts: 0,
      next_attempt_at: T0 + 7000,
      last_error: "429: Too Many Requests: retry after 7",
    });
    clock.advance(7000);
    queue.markSending(id);
    queue.markSent(id);
    expect(deliveryRows(store)[0]).toMatchObject({
      state: "sent",
      attempts: 1,
      last_error: null,
      sent_at: new Date(T0 + 7000).toISOString(),
    });
  });

  it("markFailed ends a row", () => {
    const { queue, store } = openHarness();
    queue.enqueue([alert(1)]);
    const id = queue.due(1)[0]!.id;
    queue.markSending(id);
    queue.markFailed(id, "400: Bad Request: can't parse entities");
    expect(deliveryRows(store)[0]).toMatchObject({
      state: "failed",
      last_error: "400: Bad Request: can't parse entities",
    });
    expect(queue.due(10)).toEqual([]);
  });

  it("markInactive pauses every subscription of the chat and drops its queued rows, nothing else", () => {
    const { queue, store } = openHarness();
    subscribe(store, 1);
    subscribe(store, 1, "Kiên Giang");
    subscribe(store, 2);
    queue.enqueue([alert(1, "a"), alert(1, "b"), alert(1, "c"), alert(2, "a")]);
    const sentId = queue.due(1)[0]!.id;
    queue.markSending(sentId);
    queue.markSent(sentId);
    queue.markSending(queue.due(1)[0]!.id); // "b" in flight

    expect(queue.markInactive(1, "403: Forbidden: bot was kicked from the group chat")).toBe(2);
    expect(subscriptionsOf(store, 1).map((s) => [s.filter, s.active, s.paused_reason])).toEqual([
      ["", 0, "403: Forbidden: bot was kicked from the group chat"],
      ["Kiên Giang", 0, "403: Forbidden: bot was kicked from the group chat"],
    ]);
    expect(subscriptionsOf(store, 2)[0]).toMatchObject({ active: 1, paused_reason: null });
    expect(deliveryRows(store).map((r) => [r.doc_id, r.chat_id, r.state])).toEqual([
      ["a", 1, "sent"],
      ["b", 1, "inactive"],
      ["c", 1, "inactive"],
      ["a", 2, "pending"],
    ]);
  });

  it("migrateChat re-keys subscriptions and queued rows; what the new chat already has wins", () => {
    const { queue, store } = openHarness();
    subscribe(store, -100, "");
    subscribe(store, -100, "Kiên Giang");
    subscribe(store, -1009, "Kiên Giang", "supergroup"); // the supergroup already subscribed with that filter
    queue.enqueue([alert(-100, "a"), alert(-100, "b"), alert(-100, "c"), alert(-1009, "c")]);
    const sentId = queue.due(1)[0]!.id;
    queue.markSending(sentId);
    queue.markSent(sentId); // "a" reached the old group: history stays with it

    queue.migrateChat(-100, -1009);
    expect(subscriptionsOf(store, -100)).toEqual([]);
    expect(subscriptionsOf(store, -1009).map((s) => [s.filter, s.chat_type, s.active])).toEqual([
      ["", "supergroup", 1],
      ["Kiên Giang", "supergroup", 1],
    ]);
    expect(deliveryRows(store).map((r) => [r.doc_id, r.chat_id, r.state])).toEqual([
      ["a", -100, "sent"],
      ["b", -1009, "pending"],
      ["c", -1009, "pending"], // the old group's "c" was dropped, not sent twice
    ]);
  });

  it("recoverInFlight puts 'sending' rows back in the queue", () => {
    const { queue, store } = openHarness();
    queue.enqueue([alert(1), alert(2)]);
    queue.markSending(queue.due(1)[0]!.id);
    expect(queue.recoverInFlight()).toBe(1);
    expect(deliveryRows(store).map((r) => [r.state, r.attempts])).toEqual([
      ["pending", 1],
      ["pending", 0],
    ]);
    expect(queue.recoverInFlight()).toBe(0);
  });

  it("counts per document: latest first, or the documents asked for in that order", () => {
    const { queue } = openHarness();
    queue.enqueue([alert(1, "a"), alert(2, "a"), alert(3, "a"), alert(4, "a")]);
    queue.enqueue([alert(1, "b")]);
    const [one, two, three] = queue.due(3);
    queue.markSending(one!.id);
    queue.markSent(one!.id);
    queue.markSending(two!.id);
    queue.markFailed(two!.id, "400: Bad Request: message is too long");
    queue.markInactive(three!.chatId, "403: Forbidden: bot was blocked by the user");
    expect(queue.counts()).toEqual([
      { docId: "b", queued: 1, sent: 0, failed: 0, inactive: 0 },
      { docId: "a", queued: 1, sent: 1, failed: 1, inactive: 1 },
    ]);
    expect(queue.counts(["a", "none"])).toEqual([
      { docId: "a", queued: 1, sent: 1, failed: 1, inactive: 1 },
      { docId: "none", queued: 0, sent: 0, failed: 0, inactive: 0 },
    ]);
  });
});

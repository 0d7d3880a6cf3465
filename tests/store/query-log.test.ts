import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/open-store.ts";
import type { QueryEntry } from "../../src/store/query-log.ts";

let dir: string;
let store: Store;
let clock: Date;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "store-test-"));
  clock = new Date("2026-11-24T08:00:00.000Z");
  store = openStore(dir, { now: () => clock });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY_MS = 86_400_000;

function entry(overrides: Partial<QueryEntry> = {}): QueryEntry {
  return {
    chatType: "private",
    chatId: 123456789,
    userId: 987654321,
    lang: "vi",
    question: "Ai chịu trách nhiệm tổ chức tiêm vắc xin?",
    answered: true,
    topDocId: "2021-05-04-nam-dinh-cv-146",
    topSection: "2.3",
    answers: 3,
    latencyMs: 4.25,
    channel: "telegram",
    ...overrides,
  };
}

describe("queryLog.record / get", () => {
  it("round-trips every field, with Vietnamese text in NFC, across a reopen", () => {
    const question = "Ủy ban nhân dân tỉnh chỉ đạo việc tiêm chủng vắc xin phòng COVID-19 như thế nào?";
    expect(question.normalize("NFC")).toBe(question);
    const id = store.queryLog.record(entry({ question, topSection: "Điều 32, khoản 2", chatId: -1001234567890 }));
    expect(id).toBeGreaterThan(0);
    store.close();
    store = openStore(dir, { now: () => clock });

    expect(store.queryLog.get(id)).toEqual({
      id,
      createdAt: "2026-11-24T08:00:00.000Z",
      chatType: "private",
      chatId: -1001234567890,
      userId: 987654321,
      lang: "vi",
      question,
      answered: true,
      topDocId: "2021-05-04-nam-dinh-cv-146",
      topSection: "Điều 32, khoản 2",
      answers: 3,
      latencyMs: 4.25,
      channel: "telegram",
    });
    const stored = store.db
      .prepare<[number], { q: Buffer }>("SELECT CAST(question AS BLOB) AS q FROM query_log WHERE id = ?")
      .get(id);
    expect(stored?.q.toString("utf8")).toBe(question); // the same bytes, not just an equal-looking string
  });

  it("stores a decomposed (NFD) question in NFC", () => {
    const nfc = "tiêm vắc xin ở đâu";
    const id = store.queryLog.record(entry({ question: nfc.normalize("NFD") }));
    expect(store.queryLog.get(id)?.question).toBe(nfc);
  });

  it("keeps nulls and false as they were", () => {
    const empty = {
      chatId: null,
      userId: null,
      answered: false,
      topDocId: null,
      topSection: null,
      answers: 0,
      channel: "inline",
      chatType: "sender",
    } as const;
    const id = store.queryLog.record(entry(empty));
    expect(store.queryLog.get(id)).toMatchObject(empty);
  });

  it("gives increasing ids and undefined for an unknown id", () => {
    const a = store.queryLog.record(entry());
    const b = store.queryLog.record(entry());
    expect(b).toBeGreaterThan(a);
    expect(store.queryLog.get(b + 1000)).toBeUndefined();
  });
});

describe("queryLog feedback", () => {
  it("a user's later vote replaces the earlier one; counts are per query", () => {
    const q = store.queryLog.record(entry());
    const other = store.queryLog.record(entry());
    expect(store.queryLog.feedbackCounts(q)).toEqual({ up: 0, down: 0 });

    expect(store.queryLog.setFeedback(q, 1, 1)).toBe(true);
    expect(store.queryLog.setFeedback(q, 2, 1)).toBe(true);
    expect(store.queryLog.setFeedback(q, 3, -1)).toBe(true);
    expect(store.queryLog.feedbackCounts(q)).toEqual({ up: 2, down: 1 });

    clock = new Date(clock.getTime() + 60_000);
    expect(store.queryLog.setFeedback(q, 1, -1)).toBe(true); // user 1 changes their mind
    expect(store.queryLog.feedbackCounts(q)).toEqual({ up: 1, down: 2 });
    const row = store.db
      .prepare<[number, number], { value: number; created_at: string }>(
        "SELECT value, created_at FROM feedback WHERE query_id = ? AND user_id = ?",
      )
      .get(q, 1);
    expect(row).toEqual({ value: -1, created_at: "2026-11-24T08:01:00.000Z" });

    expect(store.queryLog.feedbackCounts(other)).toEqual({ up: 0, down: 0 });
  });

  it("a vote on an unknown query is refused without throwing", () => {
    expect(store.queryLog.setFeedback(424242, 1, 1)).toBe(false);
    expect(store.db.prepare("SELECT COUNT(*) FROM feedback").pluck().get()).toBe(0);
  });

  it("the schema refuses values other than -1 and 1", () => {
    const q = store.queryLog.record(entry());
    expect(() => store.queryLog.setFeedback(q, 1, 0 as 1)).toThrow(/CHECK constraint failed/);
  });

  it("deleting a query deletes its feedback (ON DELETE CASCADE)", () => {
    const q = store.queryLog.record(entry());
    const kept = store.queryLog.record(entry());
    store.queryLog.setFeedback(q, 1, 1);
    store.queryLog.setFeedback(q, 2, -1);
    store.queryLog.setFeedback(kept, 1, 1);
    store.db.prepare("DELETE FROM query_log WHERE id = ?").run(q);
    expect(store.queryLog.feedbackCounts(q)).toEqual({ up: 0, down: 0 });
    expect(store.db.prepare("SELECT COUNT(*) FROM feedback").pluck().get()).toBe(1);
    expect(store.queryLog.feedbackCounts(kept)).toEqual({ up: 1, down: 0 });
  });
});

describe("queryLog.purgeOlderThan", () => {
  it("deletes queries older than N days, with their feedback, and keeps the rest", () => {
    const start = clock.getTime();
    const at = (days: number) => {
      clock = new Date(start + days * DAY_MS);
      return store.queryLog.record(entry({ question: `câu hỏi ngày ${days}` }));
    };
    const old = at(0);
    const edge = at(10);
    const recent = at(25);
    store.queryLog.setFeedback(old, 1, 1);
    store.queryLog.setFeedback(recent, 1, -1);

    clock = new Date(start + 40 * DAY_MS);
    expect(store.queryLog.purgeOlderThan(30)).toBe(1); // day 0 is 40 days old
    expect(store.queryLog.get(old)).toBeUndefined();
    expect(store.queryLog.get(edge)).toBeDefined(); // exactly 30 days old: kept
    expect(store.queryLog.get(recent)).toBeDefined();
    expect(store.db.prepare("SELECT query_id FROM feedback").pluck().all()).toEqual([recent]);

    expect(store.queryLog.purgeOlderThan(30)).toBe(0);
    expect(store.queryLog.purgeOlderThan(0)).toBe(2);
    expect(store.db.prepare("SELECT COUNT(*) FROM feedback").pluck().get()).toBe(0);
  });

  it("refuses a negative or non-finite number of days", () => {
    expect(() => store.queryLog.purgeOlderThan(-1)).toThrow(
      "store: purgeOlderThan expects a non-negative number of days, got -1",
    );
    expect(() => store.queryLog.purgeOlderThan(Number.NaN)).toThrow(RangeError);
  });
});

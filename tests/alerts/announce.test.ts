import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { announceCorpus } from "../../src/alerts/announce.ts";
import { createDeliveryQueue, type DeliveryQueue } from "../../src/store/delivery-queue.ts";
import { detectChanges } from "../../src/alerts/detect-changes.ts";
import { keyAssignments } from "../../src/alerts/key-assignments.ts";
import { isPublicUrl, renderAlert } from "../../src/bot/render-alert.ts";
import { matchesFilter, normalizeFilter } from "../../src/alerts/match-filter.ts";
import { createSubscriptions, type Subscriptions } from "../../src/store/subscriptions.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus, CorpusDocument } from "../../src/corpus/types.ts";
import { openStore, type Store } from "../../src/store/open-store.ts";

let dir: string;
let store: Store;
let subs: Subscriptions;
let queue: DeliveryQueue;
let seeds: Corpus;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "announce-"));
  store = openStore(dir);
  subs = createSubscriptions(store.db);
  queue = createDeliveryQueue(store.db);
  seeds = await loadCorpus("data/directives", { maxFileBytes: 1 << 26 });
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const render = (doc: CorpusDocument, kind: "new" | "updated") =>
  renderAlert(doc, kind, MESSAGES.vi, "https://vanban.example.vn", "VanBanBot");
const announce = (corpus: Corpus, alertOnFirstLoad = false) =>
  announceCorpus(corpus, { subscriptions: subs, enqueue: (rows) => queue.enqueue(rows), render, alertOnFirstLoad });

function withoutDoc(corpus: Corpus, docId: string): Corpus {
  const documents = new Map(corpus.documents);
  documents.delete(docId);
  return { ...corpus, documents, passages: corpus.passages.filter((p) => p.docId !== docId) };
}

function withChangedHash(corpus: Corpus, docId: string, hash: string): Corpus {
  const documents = new Map(corpus.documents);
  documents.set(docId, { ...documents.get(docId)!, contentHash: hash });
  return { ...corpus, documents };
}

describe("detectChanges", () => {
  it("tells added, really changed, removed and unchanged documents apart by content hash", () => {
    const known = new Map([
      ["a", "1"],
      ["b", "2"],
      ["c", "3"],
    ]);
    const current = new Map([
      ["a", "1"],
      ["b", "2b"],
      ["d", "4"],
    ]);
    expect(detectChanges(known, current)).toEqual({ added: ["d"], changed: ["b"], removed: ["c"], unchanged: ["a"] });
  });
});

describe("announceCorpus", () => {
  it("records the first load of an empty store without alerting anyone", () => {
    subs.subscribe(-100, "supergroup", "", 1);
    const first = announce(seeds);
    expect(first).toMatchObject({ firstLoad: true, queued: 0 });
    expect(first.changes.added).toHaveLength(5);
    expect(subs.knownDocuments().size).toBe(5);
  });

  it("alerts on the first load when configured to", () => {
    subs.subscribe(-100, "supergroup", "", 1);
    expect(announce(seeds, true).queued).toBe(5);
  });

  it("queues a new document for every matching chat once, nothing for unchanged ones, and 'updated' only on a real change", () => {
    const before = withoutDoc(seeds, "2021-07-21-kien-giang-cv-209");
    announce(before);
    subs.subscribe(-1, "supergroup", "", 1);
    subs.subscribe(-2, "supergroup", normalizeFilter("Kiên Giang"), 1);
    subs.subscribe(-3, "supergroup", normalizeFilter("Nam Định"), 1);
    const added = announce(seeds);
    expect(added.changes.added).toEqual(["2021-07-21-kien-giang-cv-209"]);
    expect(added.queued).toBe(2);
    expect(
      queue
        .due(10)
        .map((d) => d.chatId)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual([-2, -1]);
    // The same corpus again: nothing new.
    expect(announce(seeds).queued).toBe(0);
    const edited = announce(withChangedHash(seeds, "2021-05-04-nam-dinh-cv-146", "new-hash"));
    expect(edited.changes.changed).toEqual(["2021-05-04-nam-dinh-cv-146"]);
    const updated = queue.due(10).filter((d) => d.kind === "updated");
    expect(updated.map((d) => d.chatId).sort((a, b) => Number(a) - Number(b))).toEqual([-3, -1]);
    expect(updated[0]!.text).toContain("Văn bản được cập nhật");
  });

  it("records a removed document without alerting", () => {
    announce(seeds);
    subs.subscribe(-1, "supergroup", "", 1);
    const removed = announce(withoutDoc(seeds, "2021-07-25-yen-the-cv"));
    expect(removed).toMatchObject({ queued: 0, changes: { removed: ["2021-07-25-yen-the-cv"] } });
    expect(subs.knownDocuments().has("2021-07-25-yen-the-cv")).toBe(false);
  });
});

describe("subscriptions", () => {
  it("folds filters, matches issuer, type and keywords, and pauses/resumes a chat", () => {
    const kg = seeds.documents.get("2021-07-21-kien-giang-cv-209")!;
    expect(normalizeFilter("  Kiên Giang! ")).toBe("kien giang");
    expect(matchesFilter(kg, "kien giang")).toBe(true);
    expect(matchesFilter(kg, normalizeFilter("Công văn"))).toBe(true);
    expect(matchesFilter(kg, normalizeFilter("Chỉ thị số 16"))).toBe(true);
    expect(matchesFilter(kg, normalizeFilter("Nam Định"))).toBe(false);
    expect(subs.subscribe(-5, "group", "kien giang", 9)).toBe("added");
    expect(subs.subscribe(-5, "group", "kien giang", 9)).toBe("exists");
    expect(subs.pause(-5, "kicked")).toBe(1);
    expect(subs.active()).toHaveLength(0);
    expect(subs.list(-5)[0]).toMatchObject({ active: false, pausedReason: "kicked" });
    expect(subs.subscribe(-5, "group", "kien giang", 9)).toBe("added");
    expect(subs.active()).toHaveLength(1);
    expect(subs.unsubscribe(-5)).toBe(1);
  });
});

describe("renderAlert", () => {
  it("shows type, number, date, issuer, subject, key assignments with their actors, a link and two buttons", () => {
    const nd = seeds.documents.get("2021-05-04-nam-dinh-cv-146")!;
    const alert = renderAlert(nd, "new", MESSAGES.vi, "https://vanban.example.vn", "VanBanBot");
    expect(alert.text).toMatch(
      /^🆕 Văn bản mới\n<b>Công văn số 146-CV\/TU ngày 4\/5\/2021 · Ban Thường vụ Tỉnh ủy Nam Định<\/b>/,
    );
    expect(alert.text).toContain("V/v tăng cường");
    expect(keyAssignments(nd).length).toBeGreaterThanOrEqual(2);
    expect(alert.text).toContain("<b>Bí thư cấp ủy, Chủ tịch UBND, Chủ tịch MTTQ và đoàn thể các cấp</b>: ");
    const buttons = alert.replyMarkup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["Xem toàn văn", "Hỏi về văn bản này"]);
    expect(buttons[1]!.url).toMatch(/^https:\/\/t\.me\/VanBanBot\?start=ask_[A-Za-z0-9_-]{12}$/);
  });

  it("leaves out the viewer button when the base URL is not reachable from Telegram", () => {
    expect(isPublicUrl("http://localhost:3000/d/x")).toBe(false);
    expect(isPublicUrl("http://127.0.0.1/d/x")).toBe(false);
    expect(isPublicUrl("https://vanban.example.vn/d/x")).toBe(true);
    const alert = renderAlert(
      seeds.documents.get("2021-05-04-nam-dinh-cv-146")!,
      "new",
      MESSAGES.vi,
      "http://localhost:3000",
      "VanBanBot",
    );
    expect(alert.replyMarkup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["Hỏi về văn bản này"]);
  });
});

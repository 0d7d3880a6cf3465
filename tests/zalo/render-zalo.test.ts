import { reminderCard } from "../../src/alerts/reminder-card.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { engineFor, type Engine } from "../../src/engine.ts";
import type { Answer } from "../../src/answer/build-answer.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { itemOf } from "../../src/search/rank.ts";
import { classifyBody, parseIncoming, stripMention } from "../../src/zalo/parse-incoming.ts";
import {
  cutText,
  packBlocks,
  renderAnswerBlock,
  renderAnswerPage,
  renderItem,
  renderZaloAlert,
  renderZaloReminder,
  splitText,
} from "../../src/zalo/render-zalo.ts";
import { ZALO_TEXT_LIMIT } from "../../src/zalo/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";

const BASE = "https://vanban.example.vn";
let engine: Engine;
beforeAll(async () => {
  engine = engineFor(await loadCorpus(SEED_DIR, LOAD_OPTIONS), BASE);
});

const t = MESSAGES.vi;

describe("Zalo renderer: the answer model as plain text within 2,000 characters", () => {
  it("renders each answer of a real question with its citation, excerpt and viewer link, and nothing else", () => {
    const set = engine.ask("Ai chịu trách nhiệm tiêm vắc xin?", 3);
    expect(set.answers.length).toBeGreaterThan(0);
    const messages = renderAnswerPage(set.answers, t, set.lang, { offset: 0, footer: "💬 hint" });
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    const all = messages.join("\n\n");
    set.answers.forEach((a, i) => {
      expect(all).toContain(`${i + 1}. `);
      expect(all).toContain(`🔗 ${a.url}`);
      expect(all).toContain(a.excerpt);
    });
    expect(all).not.toMatch(/<\/?b>|&lt;|&amp;/);
    expect(messages.at(-1)!.endsWith("💬 hint")).toBe(true);
  });

  it("splits a page only between answers, every message under the limit, every answer with its link", () => {
    const set = engine.ask("tiêm vắc xin", 9);
    const long = set.answers.map((a) => ({ ...a, excerpt: `${a.excerpt} ${"x ".repeat(300)}`.trim() }));
    const messages = renderAnswerPage(long, t, "vi", { offset: 0, footer: "" });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
      // Each message starts with an answer's number and ends with a link: no answer is cut across messages.
      expect(m).toMatch(/^\d+\. /);
      expect(m).toMatch(/🔗 \S+$/);
    }
  });

  it("cuts an excerpt that cannot fit but keeps the link", () => {
    const a = engine.ask("tiêm vắc xin", 1).answers[0]!;
    const block = renderAnswerBlock({ ...a, excerpt: "chữ ".repeat(1000) }, 1, t, "vi");
    expect(block.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(block).toContain(" …\n🔗 ");
    expect(block.endsWith(a.url)).toBe(true);
  });

  it("shows the contract's optional fields when the answer model gives them", () => {
    const a = engine.ask("tiêm vắc xin", 1).answers[0]!;
    const richer = {
      ...a,
      status: "superseded",
      supersededBy: "doc-moi",
      deadline: { date: "2022-09-30", text: "trước ngày 30/9/2022" },
      role: "chủ trì",
    } as Answer;
    const block = renderAnswerBlock(richer, 2, t, "vi");
    expect(block).toContain("⚠️ Đã được thay thế bởi doc-moi");
    expect(block).toContain("⏰ Hạn: trước ngày 30/9/2022");
    expect(block).toContain("(vai trò: chủ trì)");
    expect(renderAnswerBlock(a, 2, t, "vi")).not.toMatch(/⚠️|⏰|vai trò/);
  });

  it("renders a whole item in order, split at line breaks, ending with the link", () => {
    const doc = engine.corpus.documents.get(SEED.namDinh)!;
    const item = itemOf(doc.passages.find((p) => p.section)!.section);
    const members = doc.passages.filter((p) => itemOf(p.section) === item);
    const big = members.map((p) => ({ ...p, text: `${p.text}\n${"dòng dài ".repeat(400)}` }));
    const messages = renderItem(doc, big, `${BASE}/d/x#y`, t);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(messages[0]).toContain("146-CV/TU");
    expect(messages.at(-1)!.endsWith(`🔗 ${BASE}/d/x#y`)).toBe(true);
    expect(messages.join(" ").replace(/\s+/g, " ")).toContain(members[0]!.text.replace(/\s+/g, " ").slice(0, 80));
  });

  it("renders an alert as plain text with the document link", () => {
    const doc = engine.corpus.documents.get(SEED.kienGiang)!;
    const { text } = renderZaloAlert(doc, "new", t, BASE);
    expect(text.startsWith("🆕 Văn bản mới")).toBe(true);
    expect(text).toContain("209-CV/TU");
    expect(text.endsWith(`🔗 ${BASE}/d/${encodeURIComponent(doc.meta.docId)}`)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(text).not.toMatch(/<\/?b>/);
  });

  it("renders a deadline reminder as plain text: days left, the deadline, the item and its anchor link", () => {
    const doc = engine.corpus.documents.get(SEED.kienGiang)!;
    const p = doc.passages.find((x) => x.section) ?? doc.passages[0]!;
    const text = renderZaloReminder(reminderCard(doc, p, "trước ngày 30/9/2021", 3, t, BASE));
    expect(text).toContain(t.duties.reminder(3));
    expect(text).toContain(t.duties.deadline("trước ngày 30/9/2021"));
    expect(text).toContain("209-CV/TU");
    expect(text).toContain(p.text.slice(0, 60));
    expect(text.endsWith(`#${p.anchor}`)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(text).not.toMatch(/<\/?b>|&amp;/);
  });

  it("cuts and splits text at spaces", () => {
    expect(cutText("một hai ba bốn năm", 12)).toBe("một hai …");
    expect(splitText("aaaa bbbb cccc", 8)).toEqual(["aaaa", "bbbb", "cccc"]);
    expect(packBlocks(["a".repeat(5), "b".repeat(5), "c".repeat(5)], 12)).toEqual(["aaaaa\n\nbbbbb", "ccccc"]);
  });
});

describe("Zalo incoming texts", () => {
  const names = ["Văn Bản Bot", "bot.vanban"];
  it("in a private chat every text is a question, follow-ups and votes aside", () => {
    expect(parseIncoming("Ai chịu trách nhiệm?", { group: false, botNames: names })).toEqual({
      kind: "question",
      text: "Ai chịu trách nhiệm?",
    });
    expect(parseIncoming("Thêm", { group: false, botNames: names })).toEqual({ kind: "more" });
    expect(parseIncoming("more", { group: false, botNames: names })).toEqual({ kind: "more" });
    expect(parseIncoming(" 2 ", { group: false, botNames: names })).toEqual({ kind: "item", n: 2 });
    expect(parseIncoming("👎", { group: false, botNames: names })).toEqual({ kind: "feedback", value: -1 });
    expect(parseIncoming("/reload", { group: false, botNames: names })).toEqual({
      kind: "command",
      name: "reload",
      args: "",
    });
  });

  it("in a group only a mention, /hoi or a command is for the bot", () => {
    const g = { group: true, botNames: names };
    expect(parseIncoming("họp lúc mấy giờ?", g)).toEqual({ kind: "ignore" });
    expect(parseIncoming("1", g)).toEqual({ kind: "ignore" });
    expect(parseIncoming("thêm", g)).toEqual({ kind: "ignore" });
    expect(parseIncoming("@văn bản bot ai phụ trách xét nghiệm?", g)).toEqual({
      kind: "question",
      text: "ai phụ trách xét nghiệm?",
    });
    expect(parseIncoming("/hoi thêm", g)).toEqual({ kind: "more" });
    expect(parseIncoming("/hoi 3", g)).toEqual({ kind: "item", n: 3 });
    expect(parseIncoming("/dangky Kiên Giang", g)).toEqual({ kind: "command", name: "dangky", args: "Kiên Giang" });
    expect(stripMention("không nhắc ai", names)).toBeNull();
    expect(classifyBody("thêm kết quả")).toEqual({ kind: "more" });
  });
});

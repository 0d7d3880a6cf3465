import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { itemOf, quotedShare } from "../../src/search/rank.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchHit, SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let index: SearchIndex;
let seeds: SearchIndex;

const BORDER = "Tăng cường tuần tra, kiểm soát chặt chẽ đường mòn, lối mở trên tuyến biên giới.";

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  index = buildSearchIndex(
    makeCorpus([
      {
        docId: "cov",
        passages: [
          {
            text: "Người nhập cảnh phải cách ly tập trung đủ 21 ngày tại cơ sở do tỉnh bố trí và được xét nghiệm ba lần trong thời gian đó.",
            section: "1",
          },
          { text: "Người nhập cảnh phải cách ly tập trung.", section: "2" },
        ],
      },
      {
        docId: "who",
        passages: [
          { text: BORDER, section: "1" },
          { text: BORDER, section: "2", actor: "Bộ đội Biên phòng tỉnh" },
        ],
      },
      {
        docId: "item",
        passages: [
          {
            text: "3. Công an huyện chủ trì, phối hợp với Ban Chỉ huy Quân sự huyện thực hiện:",
            section: "3",
            actor: "Công an huyện",
          },
          {
            text: "- Lập chốt kiểm soát tại các cửa ngõ ra vào huyện, kiểm tra giấy đi đường.",
            section: "3",
            actor: "Công an huyện",
            anchor: "3-2",
          },
          {
            text: "- Xử lý nghiêm người không đeo khẩu trang nơi công cộng.",
            section: "3",
            actor: "Công an huyện",
            anchor: "3-3",
          },
          { text: "4. Phòng Y tế hướng dẫn lập chốt kiểm soát dịch tại trạm y tế.", section: "4", actor: "Phòng Y tế" },
        ],
      },
    ]),
    { lexicon },
  );
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
});

const itemKey = (h: SearchHit) => `${h.passage.docId}|${itemOf(h.passage.section) ?? h.passage.id}`;

describe("coverage", () => {
  it("a passage covering more of the question ranks above a shorter one covering less", () => {
    const hits = index.search("cách ly tập trung 21 ngày", 5);
    expect(hits.map((h) => h.passage.id).slice(0, 2)).toEqual(["cov#1", "cov#2"]);
    expect(hits[0]!.coverage!).toBeGreaterThan(hits[1]!.coverage!);
    expect(hits[0]!.coverage).toBeCloseTo(1, 5);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("scores are finite and sorted, coverage within 0–1", () => {
    for (const q of ["cách ly tập trung 21 ngày", "chốt kiểm soát", "Ai tuần tra biên giới", "tiêm vắc xin"]) {
      for (const ix of [index, seeds]) {
        const hits = ix.search(q, 10);
        for (const h of hits) {
          expect(Number.isFinite(h.score)).toBe(true);
          expect(h.coverage).toBeGreaterThanOrEqual(0);
          expect(h.coverage).toBeLessThanOrEqual(1);
        }
        expect(hits.map((h) => h.score)).toEqual(hits.map((h) => h.score).sort((a, b) => b - a));
      }
    }
  });

  it("terms are the folded question syllables the passage holds", () => {
    const [hit] = index.search("cách ly tập trung 21 ngày", 1);
    expect(hit!.terms.sort()).toEqual(["21", "cach", "ly", "ngay", "tap", "trung"]);
  });

  it("offers no answer scoring under half the best one: it shares a word or two by chance", () => {
    // Without the cut, each gets five answers or more on the seeds, most of them under half the best.
    for (const q of [
      "Cán bộ, đảng viên phải gương mẫu thế nào?",
      "Xử lý các trường hợp không đeo khẩu trang nơi công cộng",
    ]) {
      const hits = seeds.search(q, 10);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThan(5);
      for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(hits[0]!.score * 0.5);
    }
  });

  it("limit caps the number of hits", () => {
    expect(seeds.search("tiêm vắc xin", 2)).toHaveLength(2);
    expect(seeds.search("tiêm vắc xin", 1)).toHaveLength(1);
  });
});

describe("who-questions prefer a passage with a named actor", () => {
  it("of two passages with the same text, the one naming an actor comes first for 'Ai …?'", () => {
    const hits = index.query!("Ai tuần tra đường mòn lối mở biên giới?", 5);
    expect(hits.intent).toBe("who");
    expect(hits.hits.map((h) => h.passage.id).slice(0, 2)).toEqual(["who#2", "who#1"]);
    expect(hits.hits[0]!.score).toBeGreaterThan(hits.hits[1]!.score);
  });

  it("and for 'which unit …' in English", () => {
    const hits = index.search("which unit patrols the border?", 5);
    expect(hits[0]?.passage.id).toBe("who#2");
  });

  it("the actor's advantage is larger for a who-question than for the same words asked as content", () => {
    const gap = (q: string) => {
      const hits = index.search(q, 5);
      const score = (id: string) => hits.find((h) => h.passage.id === id)?.score ?? Number.NaN;
      return score("who#2") - score("who#1");
    };
    expect(gap("Ai tuần tra đường mòn lối mở biên giới?")).toBeGreaterThan(gap("tuần tra đường mòn lối mở biên giới"));
  });

  it("on the seeds, 'Ai chịu trách nhiệm tiêm vắc xin?' answers with a passage that names its actor", () => {
    const [hit] = seeds.search("Ai chịu trách nhiệm tiêm vắc xin?", 3);
    expect(hit?.passage.actor).toBeTruthy();
    expect(hit!.passage.text).toMatch(/tiêm/u);
  });
});

describe("passages of one item merge into one answer", () => {
  it("cites the member that holds the question's words and lists the others as merged", () => {
    const hits = index.search("Công an huyện lập chốt kiểm soát cửa ngõ", 5);
    expect(hits[0]!.passage.id).toBe("item#3-2");
    expect(hits[0]!.merged?.map((p) => p.id)).toContain("item#3");
    expect(hits[0]!.merged?.map((p) => p.id)).not.toContain("item#3-2");
    // The answer carries every question word found in any of its members.
    expect(hits[0]!.terms).toEqual(
      expect.arrayContaining(["cong", "an", "huyen", "lap", "chot", "kiem", "soat", "cua", "ngo"]),
    );
    expect(hits.filter((h) => h.passage.section === "3")).toHaveLength(1);
  });

  it("a question spread over two members gives one answer for the item", () => {
    const hits = index.search("lập chốt kiểm soát, xử lý người không đeo khẩu trang", 5);
    const item3 = hits.filter((h) => h.passage.docId === "item" && h.passage.section === "3");
    expect(item3).toHaveLength(1);
    const members = [item3[0]!.passage, ...(item3[0]!.merged ?? [])].map((p) => p.id).sort();
    expect(members).toEqual(expect.arrayContaining(["item#3-2", "item#3-3"]));
  });

  it("another item of the same document stays a separate answer", () => {
    const ids = index.search("lập chốt kiểm soát", 5).map((h) => h.passage.id);
    expect(ids).toContain("item#3-2");
    expect(ids).toContain("item#4");
  });

  it.each([
    "tiêm vắc xin",
    "Ai chịu trách nhiệm tiêm vắc xin?",
    "Trung tâm Y tế huyện",
    "UBND huyện",
    "Ban Chỉ đạo",
    "who is responsible for vaccination?",
    "cach ly tap trung",
    "Mặt trận Tổ quốc",
  ])("on the seeds, '%s' never gives two answers for the same item", (q) => {
    const hits = seeds.search(q, 10);
    expect(hits.length).toBeGreaterThan(0);
    const keys = hits.map(itemKey);
    expect(new Set(keys).size).toBe(keys.length);
    // A merged passage is never also an answer of its own.
    const cited = new Set(hits.map((h) => h.passage.id));
    for (const h of hits) for (const m of h.merged ?? []) expect(cited.has(m.id)).toBe(false);
    for (const h of hits) for (const m of h.merged ?? []) expect(`${m.docId}|${itemOf(m.section)}`).toBe(itemKey(h));
  });
});

describe("itemOf", () => {
  it.each([
    ["Điều 32, khoản 2", "Điều 32"],
    ["Điều 32, điểm a", "Điều 32"],
    ["Điều 32", "Điều 32"],
    ["2.3", "2.3"],
    [null, null],
  ])("%s → %s", (section, item) => {
    expect(itemOf(section)).toBe(item);
  });
});

describe("a question quoting an item's heading", () => {
  // Phrase ids: the question "Nhiệm vụ của giáo dục thường xuyên là gì?" holds six; "Giáo dục thường xuyên" three of them.
  const question = { questionBigrams: new Set([1, 2, 3, 4, 5, 6]), quotedBy: new Map<Int32Array, number>() };

  it("is quoted in full when heading and question are the same phrases", () => {
    expect(quotedShare(Int32Array.from([1, 2, 3, 4, 5, 6]), question)).toBe(1);
  });

  it("is quoted only in part when the question merely contains a shorter heading", () => {
    expect(quotedShare(Int32Array.from([4, 5, 6]), question)).toBe(0.5);
    expect(quotedShare(Int32Array.from([4, 5, 6, 7, 8, 9]), question)).toBe(0.5);
  });
});

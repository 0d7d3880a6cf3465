import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { EXCERPT_MAX, highlightRanges, makeExcerpt } from "../../src/search/excerpt.ts";
import { loadLexicon } from "../../src/search/glossary.ts";
import { fold } from "../../src/search/normalize.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR } from "./fixtures.ts";

const LETTER = /[\p{L}\p{N}]/u;
/** "… " before and " …" after mark an excerpt cut from a longer passage. */
const core = (excerpt: string) => excerpt.replace(/^… /u, "").replace(/ …$/u, "");
/** What makeExcerpt quotes from: the passage with its whitespace collapsed. */
const normalised = (passage: string) => passage.replace(/\s+/g, " ").trim();

/** True when `part` occurs in `whole` at a place that starts and ends on word boundaries. */
function onWordBoundaries(whole: string, part: string): boolean {
  for (let at = whole.indexOf(part); at >= 0; at = whole.indexOf(part, at + 1)) {
    const before = whole[at - 1] ?? " ";
    const after = whole[at + part.length] ?? " ";
    const startsOk = !(LETTER.test(before) && LETTER.test(part[0] ?? ""));
    const endsOk = !(LETTER.test(after) && LETTER.test(part[part.length - 1] ?? ""));
    if (startsOk && endsOk) return true;
  }
  return false;
}

function checkHighlights(text: string, highlights: [number, number][], terms: readonly string[]) {
  const wanted = new Set(terms);
  let lastEnd = -1;
  for (const [a, b] of highlights) {
    expect(a).toBeGreaterThan(lastEnd);
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThanOrEqual(text.length);
    const words = text.slice(a, b).split(/\s+/u);
    for (const w of words) expect(wanted.has(fold(w))).toBe(true);
    // Whole words only.
    expect(LETTER.test(text[a - 1] ?? " ")).toBe(false);
    expect(LETTER.test(text[b] ?? " ")).toBe(false);
    lastEnd = b;
  }
}

const LONG = [
  "Thời gian qua, tình hình dịch bệnh Covid-19 diễn biến ngày càng phức tạp, khó lường, xuất hiện nhiều ổ dịch mới tại các tỉnh lân cận.",
  "Các cấp ủy đảng, chính quyền đã tập trung lãnh đạo, chỉ đạo quyết liệt công tác phòng, chống dịch và đạt được kết quả bước đầu.",
  "Tuy nhiên, ý thức chấp hành các quy định phòng dịch của một bộ phận người dân còn hạn chế, chủ quan, lơ là.",
  "Trung tâm Y tế huyện khẩn trương xây dựng kế hoạch tiêm vắc xin phòng Covid-19 cho các nhóm đối tượng ưu tiên trên địa bàn.",
  "Các xã, thị trấn rà soát, lập danh sách người dân đủ điều kiện tiêm chủng và thông báo lịch tiêm cụ thể.",
  "Công an huyện tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường hợp vi phạm quy định về phòng, chống dịch.",
  "Phòng Văn hóa - Thông tin đẩy mạnh tuyên truyền để nhân dân hiểu rõ lợi ích của việc tiêm vắc xin.",
].join(" ");

describe("makeExcerpt", () => {
  it("a short passage is the excerpt, without its item number and with whitespace collapsed", () => {
    const ex = makeExcerpt("4.  Trung tâm Y tế huyện\n tổ chức tiêm vắc xin.", ["tiem", "vac", "xin"]);
    expect(ex.text).toBe("Trung tâm Y tế huyện tổ chức tiêm vắc xin.");
    expect(ex.highlights).toEqual([[29, 41]]);
    expect(ex.text.slice(29, 41)).toBe("tiêm vắc xin");
  });

  it("a long passage gives at most EXCERPT_MAX characters (plus the ellipsis marks) containing the best-matching sentence", () => {
    expect(LONG.length).toBeGreaterThan(EXCERPT_MAX * 1.5);
    const ex = makeExcerpt(LONG, ["tiem", "vac", "xin", "trung", "tam", "y", "te", "huyen", "ke", "hoach"]);
    expect(core(ex.text).length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(ex.text.length).toBeLessThanOrEqual(EXCERPT_MAX + 4);
    expect(ex.text).toContain(
      "Trung tâm Y tế huyện khẩn trương xây dựng kế hoạch tiêm vắc xin phòng Covid-19 cho các nhóm đối tượng ưu tiên trên địa bàn.",
    );
    expect(ex.text.startsWith("… ")).toBe(true);
    expect(normalised(LONG)).toContain(core(ex.text));
    checkHighlights(ex.text, ex.highlights, ["tiem", "vac", "xin", "trung", "tam", "y", "te", "huyen", "ke", "hoach"]);
  });

  it("picks the sentence with the question's words, not the first one", () => {
    const ex = makeExcerpt(LONG, ["tuan", "tra", "xu", "ly", "vi", "pham"]);
    expect(ex.text).toContain("Công an huyện tăng cường tuần tra");
    expect(ex.text).not.toContain("Thời gian qua");
  });

  it("a sentence holding the question's phrase beats one holding two stray common words", () => {
    const filler = "Các cơ quan báo cáo kết quả thực hiện định kỳ hằng tháng cho Ban Chỉ đạo tỉnh. ".repeat(3);
    const stray = "Thực hiện các biện pháp kiểm tra tại cơ sở sản xuất, chợ và bến xe đông người. ";
    const phrase = "Tăng cường phát hiện, xử lý các trường hợp nhập cảnh trái phép trên địa bàn. ";
    const passage = `${filler}${stray}${filler}${phrase}${filler}`;
    const { text } = makeExcerpt(passage, ["nhap", "canh", "trai", "phep", "bien", "xuat"]);
    expect(text).toContain("nhập cảnh trái phép");
  });

  it("highlights are offsets into the excerpt whose folded text is a question term; adjacent words join into one", () => {
    const ex = makeExcerpt("Ủy ban nhân dân huyện chỉ đạo tiêm vắc xin cho người dân.", [
      "uy",
      "ban",
      "tiem",
      "vac",
      "xin",
      "dan",
    ]);
    const shown = ex.highlights.map(([a, b]) => ex.text.slice(a, b));
    expect(shown).toEqual(["Ủy ban", "dân", "tiêm vắc xin", "dân"]);
    checkHighlights(ex.text, ex.highlights, ["uy", "ban", "tiem", "vac", "xin", "dan"]);
  });

  it("one sentence longer than an excerpt: the excerpt shows its part that holds the question's words", () => {
    const lead = "Các cấp ủy đảng, chính quyền tập trung lãnh đạo, chỉ đạo quyết liệt, đồng bộ các giải pháp, ".repeat(
      5,
    );
    const sentence = `${lead}đồng thời chịu trách nhiệm về kết quả công tác phòng, chống dịch của địa phương.`;
    expect(sentence.length).toBeGreaterThan(EXCERPT_MAX);
    const terms = ["chiu", "trach", "nhiem", "ket", "qua"];
    const ex = makeExcerpt(sentence, terms);
    expect(ex.text).toContain("chịu trách nhiệm về kết quả");
    expect(ex.text.startsWith("… ")).toBe(true);
    expect(core(ex.text).length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(onWordBoundaries(normalised(sentence), core(ex.text))).toBe(true);
    checkHighlights(ex.text, ex.highlights, terms);
    expect(ex.highlights.map(([a, b]) => ex.text.slice(a, b))).toEqual(
      expect.arrayContaining(["chịu trách nhiệm", "kết quả"]),
    );
  });

  it("a full stop inside '2.1' or a date is no sentence end: the excerpt does not start at '1 …'", () => {
    const filler =
      "Các cấp ủy đảng, chính quyền tập trung lãnh đạo, chỉ đạo quyết liệt công tác phòng, chống dịch. ".repeat(4);
    const text = `${filler}Thực hiện mục 2.1 của Kế hoạch ngày 30.6.2021 về tiêm vắc xin cho người dân. ${filler}`;
    const ex = makeExcerpt(text, ["tiem", "vac", "xin"]);
    expect(ex.text).toContain("Thực hiện mục 2.1 của Kế hoạch ngày 30.6.2021 về tiêm vắc xin cho người dân.");
    expect(normalised(text)).toContain(core(ex.text));
  });

  it("joining sentences keeps the passage's own punctuation: '.\"' and '.)' are not re-spaced", () => {
    const filler = "Các cấp ủy đảng chính quyền tập trung lãnh đạo chỉ đạo quyết liệt. ".repeat(3);
    const text = `${filler}Ông nói "dừng lại." Sau đó tiêm vắc xin (đợt 2.) Rồi báo cáo. ${filler}${filler}`;
    const ex = makeExcerpt(text, ["tiem", "vac", "xin"]);
    expect(ex.text).toContain("tiêm vắc xin");
    expect(normalised(text)).toContain(core(ex.text));
  });

  it("strips an item label ('2.1.', 'a)', '-') but not the start of a decimal ('2.1 triệu')", () => {
    expect(makeExcerpt("2.1. Quán triệt nhận thức.", []).text).toBe("Quán triệt nhận thức.");
    expect(makeExcerpt("a) Tạm dừng karaoke.", []).text).toBe("Tạm dừng karaoke.");
    expect(makeExcerpt("- Rà soát phương án.", []).text).toBe("Rà soát phương án.");
    expect(makeExcerpt("2.1 triệu liều vắc xin được phân bổ.", []).text).toBe("2.1 triệu liều vắc xin được phân bổ.");
  });

  it("no terms, no highlights", () => {
    expect(makeExcerpt("Tiêm vắc xin.", []).highlights).toEqual([]);
  });

  it("property: for random long passages the excerpt is a word-bounded piece of the passage, ≤ EXCERPT_MAX, with valid highlights", () => {
    const word = fc.constantFrom(
      "tiêm",
      "vắc",
      "xin",
      "Ủy",
      "ban",
      "nhân",
      "dân",
      "huyện",
      "cách",
      "ly",
      "tập",
      "trung",
      "Covid-19",
      "F0",
      "146-CV/TU",
      "kiểm",
      "soát",
      "chặt",
      "chẽ",
      "người",
      "đảng",
      "hòa",
      "giải",
      "khẩn",
      "trương",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "2.1",
      "30/6/2021",
      "v.v.",
      "“mục tiêu kép”",
      "(F0)",
      "TT&TT",
    );
    const punct = fc.constantFrom(
      " ",
      " ",
      " ",
      " ",
      ", ",
      ". ",
      "; ",
      "! ",
      "? ",
      " - ",
      "\n",
      "  ",
      "… ",
      ": ",
      ".",
      "…",
      "?!",
      "(",
      ") ",
      '." ',
      ".) ",
      ".”",
      "; - ",
    );
    const passage = fc
      .array(fc.tuple(word, punct), { minLength: 1, maxLength: 220, size: "max" })
      .map((parts) => parts.map(([w, p]) => w + p).join(""));
    const terms = fc.subarray(["tiem", "vac", "xin", "uy", "ban", "huyen", "cach", "ly", "dang", "hoa", "f0", "covid"]);
    fc.assert(
      fc.property(passage, terms, (text, qs) => {
        const ex = makeExcerpt(text, qs);
        const body = core(ex.text);
        expect(body.length).toBeLessThanOrEqual(EXCERPT_MAX);
        expect(body.length).toBeGreaterThan(0);
        expect(normalised(text)).toContain(body);
        expect(onWordBoundaries(normalised(text), body)).toBe(true);
        checkHighlights(ex.text, ex.highlights, qs);
      }),
      { numRuns: 300 },
    );
  });
});

describe("highlightRanges", () => {
  it("works on NFC Vietnamese with precomposed letters: 'Ủy ban' is highlighted for 'uy'", () => {
    const text = "Ủy ban nhân dân";
    expect(text).toBe(text.normalize("NFC"));
    expect(highlightRanges(text, ["uy"])).toEqual([[0, 2]]);
    expect(highlightRanges(text, ["uy", "ban"])).toEqual([[0, 6]]);
    expect(highlightRanges("Đảng ủy xã", ["dang", "uy"])).toEqual([[0, 7]]);
  });

  it("matches whole words only: 'an' is not found inside 'ban' or 'Công an' twice", () => {
    expect(highlightRanges("ban an ninh", ["an"])).toEqual([[4, 6]]);
    expect(highlightRanges("Công an", ["an"])).toEqual([[5, 7]]);
  });

  it("does not join words across punctuation", () => {
    expect(highlightRanges("tiêm, vắc xin", ["tiem", "vac", "xin"])).toEqual([
      [0, 4],
      [6, 13],
    ]);
  });

  it("matches old- and new-style tone placement alike", () => {
    expect(highlightRanges("hòa giải và hoà giải", ["hoa"])).toEqual([
      [0, 3],
      [12, 15],
    ]);
  });
});

describe("excerpts of real answers", () => {
  let seeds: SearchIndex;
  beforeAll(async () => {
    seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon: loadLexicon(DATA_DIR) });
  });

  it.each([
    "tiêm vắc xin",
    "nhập cảnh trái phép",
    "Trung tâm Y tế huyện",
    "who is responsible for vaccination?",
    "tam dung karaoke quan bar",
  ])("'%s': every answer's excerpt fits, comes from its passage and highlights something", (q) => {
    const hits = seeds.search(q, 5);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      const ex = makeExcerpt(h.passage.text, h.terms);
      expect(core(ex.text).length).toBeLessThanOrEqual(EXCERPT_MAX);
      expect(normalised(h.passage.text)).toContain(core(ex.text));
      checkHighlights(ex.text, ex.highlights, h.terms);
    }
    const top = makeExcerpt(hits[0]!.passage.text, hits[0]!.terms);
    expect(top.highlights.length).toBeGreaterThan(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { fold, hasImpossibleTone } from "../../src/search/normalize.ts";
import { restoreFoldedPhrases } from "../../src/search/folded-phrases.ts";
import { buildIndexData } from "../../src/search/index-data.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let seeds: SearchIndex;
let index: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
  index = buildSearchIndex(
    makeCorpus([
      {
        docId: "marks",
        passages: [
          // The same sentence but one syllable: "tiêm" (inject) and "tiềm" (potential) fold alike.
          { text: "Trạm y tế xã tiêm cho người cao tuổi.", section: "1" },
          { text: "Trạm y tế xã tiềm cho người cao tuổi.", section: "2" },
          // Old-style tone placement in the passage, new-style in the questions below, and the reverse.
          { text: "Hội đồng hòa giải ở cơ sở giải quyết mâu thuẫn trong khu dân cư.", section: "3" },
          { text: "Tổ công tác được uỷ quyền kiểm tra giấy đi đường.", section: "4" },
          { text: "Thủy lợi phí được miễn cho hộ nghèo.", section: "5" },
        ],
      },
    ]),
    { lexicon },
  );
});

const top = (ix: SearchIndex, q: string) => ix.search(q, 5)[0]?.passage.id;

describe("questions typed without marks", () => {
  it.each([
    ["tiem vac xin", "tiêm vắc xin"],
    ["nhap canh trai phep", "nhập cảnh trái phép"],
    ["trung tam y te huyen", "Trung tâm Y tế huyện"],
    ["tam dung karaoke quan bar", "tạm dừng karaoke quán bar"],
    ["cach ly tap trung", "cách ly tập trung"],
  ])("'%s' finds the same top passage on the seeds as '%s'", (plain, marked) => {
    const expected = top(seeds, marked);
    expect(expected).toBeDefined();
    expect(top(seeds, plain)).toBe(expected);
  });

  it("get answers and a folded question equals the fold of the marked one", () => {
    expect(fold("tiêm vắc xin")).toBe("tiem vac xin");
    expect(seeds.search("tiem vac xin", 5).length).toBeGreaterThan(0);
  });

  it("a folded question matches passages whatever their marks: 'tiem' finds both 'tiêm' and 'tiềm'", () => {
    expect(
      index
        .search("tiem cho nguoi cao tuoi", 5)
        .map((h) => h.passage.id)
        .sort(),
    ).toEqual(expect.arrayContaining(["marks#1", "marks#2"]));
  });
});

describe("with marks, an exact-diacritic match outranks a folded-only one", () => {
  it("'tiêm …' puts the tiêm passage first", () => {
    const hits = index.search("tiêm cho người cao tuổi", 5);
    expect(hits.map((h) => h.passage.id).slice(0, 2)).toEqual(["marks#1", "marks#2"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.coverage!).toBeGreaterThan(hits[1]!.coverage!);
  });

  it("'tiềm …' puts the tiềm passage first: the order follows the marks, not the file", () => {
    const hits = index.search("tiềm cho người cao tuổi", 5);
    expect(hits.map((h) => h.passage.id).slice(0, 2)).toEqual(["marks#2", "marks#1"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
});

describe("marks that cannot be Vietnamese are a slip", () => {
  it("hasImpossibleTone: a syllable ending in p, t, c or ch without sắc or nặng", () => {
    for (const s of ["vêt", "tiêp", "hoc", "cach", "Viêt"]) expect(hasImpossibleTone(s)).toBe(true);
    for (const s of ["vết", "tiếp", "học", "cách", "Việt", "già", "tiêm", "hòa", "ca"])
      expect(hasImpossibleTone(s)).toBe(false);
  });

  it("'truy vêt …' scores the 'truy vết' passage as 'truy vết …' does; a real word's marks still count", () => {
    const slip = makeCorpus([
      {
        docId: "tv",
        passages: [
          { text: "Khẩn trương truy vết các trường hợp tiếp xúc với ca bệnh.", section: "1" },
          { text: "Khẩn trương truy vệt các trường hợp tiếp xúc với ca bệnh.", section: "2" },
        ],
      },
    ]);
    const ix = buildSearchIndex(slip, { lexicon });
    const right = ix.search("truy vết các trường hợp tiếp xúc", 5);
    const slipped = ix.search("truy vêt các trường hợp tiếp xúc", 5);
    expect(slipped[0]!.coverage).toBeCloseTo(right[0]!.coverage!, 6);
    expect(right.map((h) => h.passage.id).slice(0, 2)).toEqual(["tv#1", "tv#2"]);
    expect(right[0]!.coverage!).toBeGreaterThan(right[1]!.coverage!);
  });
});

describe("old and new tone placement find each other", () => {
  it.each([
    ["hoà giải", "marks#3"],
    ["hòa giải", "marks#3"],
    ["ủy quyền", "marks#4"],
    ["uỷ quyền", "marks#4"],
    ["thuỷ lợi phí", "marks#5"],
    ["thủy lợi phí", "marks#5"],
  ])("'%s' → %s, counted as an exact match", (q, id) => {
    const hits = index.search(q, 5);
    expect(hits[0]?.passage.id).toBe(id);
    // Not a folded-only match: the whole question is covered at full weight.
    expect(hits[0]!.coverage).toBeCloseTo(1, 5);
  });

  it("on the seeds, 'Ủy ban nhân dân tỉnh' and 'Uỷ ban nhân dân tỉnh' give the same answers", () => {
    const a = seeds.search("Ủy ban nhân dân tỉnh chỉ đạo", 5).map((h) => h.passage.id);
    const b = seeds.search("Uỷ ban nhân dân tỉnh chỉ đạo", 5).map((h) => h.passage.id);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it("NFD input is treated like NFC", () => {
    const nfc = seeds.search("tiêm vắc xin", 5).map((h) => h.passage.id);
    expect(seeds.search("tiêm vắc xin".normalize("NFD"), 5).map((h) => h.passage.id)).toEqual(nfc);
  });
});

describe("a folded question's function-word spellings that make a corpus phrase are content", () => {
  const corpus = () =>
    makeCorpus([
      {
        docId: "kb",
        passages: [
          { text: "Đơn vị đăng ký mở tài khoản tại Kho bạc Nhà nước nơi giao dịch.", section: "1" },
          { text: "Hồ sơ đăng ký tài khoản gồm giấy đề nghị và bản sao quyết định.", section: "2" },
          { text: "Kho bạc Nhà nước đang kiểm tra sổ sách kế toán của đơn vị.", section: "3" },
          { text: "Đoàn công tác đang kiểm tra hồ sơ lưu trữ.", section: "4" },
        ],
      },
    ]);

  it("'dang ky tai khoan' keeps 'dang' and 'tai' (đăng ký, tài khoản); with marks 'đang' and 'tại' stay function words", () => {
    const ix = buildSearchIndex(corpus(), { lexicon });
    const folded = ix.search("dang ky mo tai khoan tai kho bac", 5);
    const marked = ix.search("đăng ký mở tài khoản tại Kho bạc", 5);
    expect(folded[0]!.passage.id).toBe("kb#1");
    expect(folded.map((h) => h.passage.id)).toEqual(marked.map((h) => h.passage.id));
    expect(folded[0]!.terms).toEqual(expect.arrayContaining(["dang", "tai"]));
  });

  it("restoreFoldedPhrases adds only function words that pair with a neighbour in the corpus, never to a marked question", () => {
    const data = buildIndexData(corpus(), lexicon).data;
    const concepts = (q: string) =>
      restoreFoldedPhrases(data, parseQuery(q, lexicon)).concepts.map((c) => c.alternatives[0]!.join(" "));
    expect(concepts("dang ky tai khoan")).toEqual(expect.arrayContaining(["dang", "tai"]));
    // "người đang ở" is no phrase of this corpus: its "dang" stays out.
    expect(concepts("tai san cua nguoi dang o")).not.toContain("dang");
    // With marks "đang" is a function word, whatever phrase it makes ("đang kiểm tra" in passages 3 and 4).
    expect(concepts("Kho bạc đang kiểm tra")).toEqual(
      parseQuery("Kho bạc đang kiểm tra", lexicon).concepts.map((c) => c.alternatives[0]!.join(" ")),
    );
    expect(concepts("Kho bạc đang kiểm tra")).not.toContain("đang");
  });
});

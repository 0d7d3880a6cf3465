import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { RANK_OPTIONS, SMALL_CORPUS_OPTIONS, thresholdsFor } from "../../src/search/rank.ts";
import { englishPhraseShare } from "../../src/search/no-answer.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let corpus: Corpus;
let seeds: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  corpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  seeds = buildSearchIndex(corpus, { lexicon });
});

describe("off-topic questions on the seeds get no answer", () => {
  it.each([
    "giá vàng hôm nay bao nhiêu",
    "kết quả bóng đá ngoại hạng Anh",
    "how do I bake bread",
    "what is the capital of France",
    "Thống kê truy cập",
    "Nơi nhận",
    "gia vang hom nay bao nhieu",
    "thời tiết Hà Nội ngày mai",
  ])("%s → []", (q) => {
    expect(seeds.search(q, 5)).toEqual([]);
  });

  it("the web-page boilerplate and recipient words exist in the seed files, so the refusal is the rule's doing", () => {
    // If these words were absent, [] would prove nothing about the no-answer rule.
    const words = new Set(corpus.passages.flatMap((p) => p.text.toLowerCase().split(/[^\p{L}\p{N}]+/u)));
    expect(["nơi", "nhận"].every((w) => words.has(w))).toBe(true);
  });
});

describe("on-topic questions on the seeds get answers", () => {
  it.each([
    ["tiêm vắc xin", /tiêm/u],
    ["nhập cảnh trái phép", /nhập cảnh trái phép/u],
    ["Trung tâm Y tế huyện", /Trung tâm Y tế huyện/u],
    ["tam dung karaoke quan bar", /karaoke/u],
    ["who is responsible for vaccination?", /tiêm/u],
  ])("%s → an answer containing %s", (q, re) => {
    const hits = seeds.search(q, 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.passage.text).toMatch(re);
    expect(hits[0]!.coverage!).toBeGreaterThan(RANK_OPTIONS.minCoverage);
  });
});

describe("phrases the corpus never uses count against an answer only when they are the user's own wording", () => {
  it("a pair with a function word ('soát ở', 'ở các') does not sink a question the seeds answer", () => {
    const hits = seeds.search("Lập chốt kiểm soát ở các cửa ngõ ra vào tỉnh", 3);
    expect(hits.some((h) => /chốt/u.test(h.passage.text))).toBe(true);
  });

  it("a wording with synonyms counts as held when the passage says another wording of its group whole", () => {
    // "quán net" and "tiệm game" are in no seed; "điểm truy cập internet" and "trò chơi điện tử" are.
    expect(corpus.passages.some((p) => /quán net|tiệm game/iu.test(p.text))).toBe(false);
    const hits = seeds.search("quan net, tiem game co duoc mo cua khong", 3);
    expect(hits.some((h) => /điểm truy cập internet/u.test(h.passage.text))).toBe(true);
  });

  it("off-topic questions whose words are all unknown pairs are still refused", () => {
    for (const q of ["cách chơi cờ vua", "Quán cà phê đẹp ở Đà Lạt", "mua xe máy trả góp ở đâu"])
      expect(seeds.search(q, 5)).toEqual([]);
  });
});

describe("empty questions", () => {
  it.each(["", "   ", "\n\t", "?", "?!...", "…", "- , ; :", "“”"])("%j → []", (q) => {
    expect(seeds.search(q, 5)).toEqual([]);
    expect(seeds.query!(q, 5).hits).toEqual([]);
  });
});

describe("an empty corpus answers nothing and does not throw", () => {
  it("search on no passages", () => {
    const empty = buildSearchIndex(makeCorpus([], { filler: false }), { lexicon });
    expect(empty.passageCount).toBe(0);
    expect(empty.search("tiêm vắc xin", 5)).toEqual([]);
    expect(empty.search("văn bản mới nhất", 5)).toEqual([]);
  });
});

describe("the refusal rule weighs shared rare phrases, not scattered words", () => {
  const STATUTE =
    "Người lao động có quyền đơn phương chấm dứt hợp đồng lao động khi không được trả đủ lương đúng thời hạn.";
  const index = () =>
    buildSearchIndex(
      makeCorpus([
        {
          docId: "luat",
          passages: [
            { text: STATUTE, section: "Điều 35" },
            { text: "Người sử dụng lao động phải trả lương đúng hạn.", section: "Điều 94" },
          ],
        },
        { docId: "khac", passages: [{ text: "Ủy ban nhân dân xã tổ chức họp dân về giao thông nông thôn." }] },
      ]),
      { lexicon },
    );

  it("a long scenario question whose story words the corpus lacks is still answered by the clause it asks about", () => {
    const q =
      "Anh Nguyễn Văn C sống cùng bố mẹ ở quê, đi làm công nhân may cho một xưởng tư nhân ba năm nay, tháng nào cũng bị chậm lương; vậy anh C có được đơn phương chấm dứt hợp đồng lao động không?";
    const hits = index().search(q, 3);
    expect(hits[0]?.passage.section).toBe("Điều 35");
  });

  it("a question sharing only common words and no phrase gets []", () => {
    expect(index().search("cách làm bánh xèo ngon ở nhà", 3)).toEqual([]);
  });
});

describe("the no-answer rule asks for more evidence of a larger corpus", () => {
  it("uses the small-corpus thresholds up to smallCorpus passages and RANK_OPTIONS from largeCorpus on", () => {
    const small = thresholdsFor(SMALL_CORPUS_OPTIONS.smallCorpus / 2);
    expect(small.minCoverage).toBe(SMALL_CORPUS_OPTIONS.minCoverage);
    expect(small.minPhraseShare).toBe(SMALL_CORPUS_OPTIONS.minPhraseShare);
    expect(small.surePhrase).toBe(SMALL_CORPUS_OPTIONS.surePhrase);
    expect(thresholdsFor(SMALL_CORPUS_OPTIONS.largeCorpus * 10)).toEqual(RANK_OPTIONS);
  });

  it("grows with the logarithm of the passage count in between", () => {
    const sizes = [1_000, 3_000, 10_000, 20_000];
    const coverages = sizes.map((n) => thresholdsFor(n).minCoverage);
    for (let i = 1; i < coverages.length; i++) expect(coverages[i]!).toBeGreaterThan(coverages[i - 1]!);
    const { smallCorpus, largeCorpus } = SMALL_CORPUS_OPTIONS;
    const middle = Math.sqrt(smallCorpus * largeCorpus);
    expect(thresholdsFor(middle).minCoverage).toBeCloseTo(
      (SMALL_CORPUS_OPTIONS.minCoverage + RANK_OPTIONS.minCoverage) / 2,
    );
  });
});

describe("an English question's phrase share", () => {
  it("counts each concept's best Vietnamese wording, not every wording's phrases", () => {
    // "work from home" has three wordings (làm việc trực tuyến / tại nhà / từ xa); a passage uses one of them.
    const q = parseQuery("Should civil servants work from home?", lexicon);
    const bigramIds = q.bigrams.map((_, k) => k);
    const question = { q, bigramIds, bigramWeights: q.bigrams.map(() => 1) };
    const holds = (pairs: string[]) => (id: number | undefined) => id !== undefined && pairs.includes(q.bigrams[id]!);
    expect(q.bigrams.length).toBeGreaterThan(5);
    expect(englishPhraseShare(question, holds(["cong_chuc", "lam_viec", "viec_truc", "truc_tuyen"]))).toBe(1);
    expect(englishPhraseShare(question, holds(["lam_viec", "viec_truc", "truc_tuyen"]))).toBeCloseTo(3 / 4);
    expect(englishPhraseShare(question, holds([]))).toBe(0);
  });
});

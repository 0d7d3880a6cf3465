import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let index: SearchIndex;
let seeds: SearchIndex;

/** Each body is written one way only: spelled out in "full", abbreviated in "abbr". */
const CORPUS = [
  {
    docId: "full",
    passages: [
      { text: "Ủy ban nhân dân huyện chỉ đạo các thôn rà soát người về từ vùng dịch.", section: "1" },
      { text: "Mặt trận Tổ quốc vận động nhân dân ủng hộ quỹ phòng chống dịch.", section: "2" },
      { text: "Hội đồng nhân dân tỉnh giám sát việc chi ngân sách cho công tác phòng dịch.", section: "3" },
    ],
  },
  {
    docId: "abbr",
    passages: [
      { text: "UBND xã tổ chức lấy mẫu xét nghiệm diện rộng.", section: "1" },
      { text: "BCĐ tỉnh họp trực tuyến với các địa phương mỗi tuần.", section: "2" },
    ],
  },
];

const ids = (q: string, limit = 3) => index.search(q, limit).map((h) => h.passage.id);

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  index = buildSearchIndex(makeCorpus(CORPUS), { lexicon });
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
});

describe("abbreviations are expanded at index time: the full form finds the abbreviation", () => {
  it.each([
    ["ủy ban nhân dân xã", "abbr#1"],
    ["Ủy ban nhân dân xã lấy mẫu xét nghiệm", "abbr#1"],
    ["uy ban nhan dan xa", "abbr#1"],
    ["Ban Chỉ đạo tỉnh họp trực tuyến", "abbr#2"],
  ])("'%s' → %s first", (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it("the expansion is as good as the words themselves: a question with marks gets full coverage from 'UBND xã'", () => {
    const hit = index.search("ủy ban nhân dân xã", 3).find((h) => h.passage.id === "abbr#1");
    expect(hit?.coverage).toBeGreaterThan(0.95);
  });
});

describe("…and the abbreviation finds the full form", () => {
  it.each([
    ["UBND huyện", "full#1"],
    ["ubnd huyen", "full#1"],
    ["UBND huyện chỉ đạo rà soát", "full#1"],
    ["MTTQ", "full#2"],
    ["MTTQ vận động nhân dân", "full#2"],
    ["HĐND tỉnh", "full#3"],
    ["HĐND tỉnh giám sát ngân sách", "full#3"],
  ])("'%s' → %s first", (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });
});

describe("abbreviations on the seeds", () => {
  it("'MTTQ' finds passages that write 'Mặt trận Tổ quốc' in full", () => {
    const hits = seeds.search("MTTQ", 5);
    expect(hits.some((h) => /Mặt trận Tổ quốc/iu.test(h.passage.text) && !h.passage.text.includes("MTTQ"))).toBe(true);
  });

  it("'Mặt trận Tổ quốc' finds the Nam Định passage that writes 'MTTQ'", () => {
    const namDinh = seeds
      .search("Chủ tịch Mặt trận Tổ quốc các cấp", 5)
      .find((h) => h.document.meta.docId === SEED.namDinh);
    expect(namDinh?.passage.text).toContain("MTTQ");
  });

  it("'ủy ban nhân dân huyện' finds the Yên Thế passages that write 'UBND huyện'", () => {
    const hits = seeds.search("ủy ban nhân dân huyện", 5);
    expect(hits.some((h) => h.document.meta.docId === SEED.yenThe && h.passage.text.includes("UBND huyện"))).toBe(true);
  });
});

describe("legal abbreviations", () => {
  it("'BLDS', 'HĐLĐ' find the code and the contract written in full", () => {
    const law = buildSearchIndex(
      makeCorpus([
        {
          docId: "bo-luat",
          passages: [
            {
              text: "Bộ luật dân sự quy định địa vị pháp lý, chuẩn mực pháp lý về cách ứng xử của cá nhân.",
              section: "1",
            },
            { text: "Người lao động và người sử dụng lao động giao kết hợp đồng lao động bằng văn bản.", section: "2" },
            { text: "Người sử dụng lao động phải trả lương đúng hạn cho người lao động.", section: "3" },
          ],
        },
      ]),
      { lexicon },
    );
    expect(law.search("BLDS quy định gì", 1)[0]?.passage.section).toBe("1");
    expect(law.search("giao kết HĐLĐ", 1)[0]?.passage.section).toBe("2");
  });
});

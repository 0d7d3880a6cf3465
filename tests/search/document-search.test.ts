import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { DocumentSearch, processDocumentTerm, type DocumentIndex } from "../../src/search/document-search.ts";

/** Metadata texts with repeats, so equal scores occur and their order is tested too. */
const DOCS: [string, string][] = [
  ["ct-16", "Chỉ thị. 16/CT-TTg. Về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19. Thủ tướng Chính phủ"],
  ["cv-146", "Công văn. 146-CV/TU. Về tăng cường phòng, chống dịch. Ban Thường vụ Tỉnh ủy"],
  ["cv-147", "Công văn. 147-CV/TU. Về tăng cường phòng, chống dịch. Ban Thường vụ Tỉnh ủy"],
  ["qd-940", "Quyết định. 940/QĐ-UBND. Ban hành kế hoạch tiêm vắc xin. Ủy ban nhân dân tỉnh"],
  ["luat-cu-tru", "Luật. Cư trú. Quốc hội"],
  ["kh-01", "Kế hoạch. Tiêm vắc xin phòng COVID-19 năm 2021. Ủy ban nhân dân tỉnh"],
  ["tb-45", "Thông báo. 45-TB/TU. Kết luận của Thường trực Tỉnh ủy"],
];

const QUERIES = [
  "Công văn 146",
  "phòng chống dịch covid tỉnh ủy",
  "tang cuong phong chong dich",
  "dịch dịch dịch tỉnh",
  "Ủy ban nhân dân tỉnh vắc xin vắc xin",
  "Luật Cư trú quy định gì",
  "không có từ nào khớp",
  "",
  "16/CT-TTg, 940/QĐ-UBND!",
];

function build(): { index: DocumentIndex; search: DocumentSearch } {
  const index: DocumentIndex = new MiniSearch({ fields: ["meta"], processTerm: processDocumentTerm });
  for (const [id, meta] of DOCS) index.add({ id, meta });
  return {
    index,
    search: new DocumentSearch(
      index,
      DOCS.map(([id]) => id),
    ),
  };
}

describe("DocumentSearch (documents a question names, by MiniSearch's OR scores)", () => {
  it("gives MiniSearch's documents, scores and order of equal scores, for k of 1 to all", () => {
    const { index, search } = build();
    for (const q of QUERIES)
      for (let k = 1; k <= DOCS.length; k++) {
        const expected = index
          .search(q, { combineWith: "OR" })
          .slice(0, k)
          .map((r) => ({ id: r.id, score: r.score }));
        expect(search.search(q, k), `${q} (k ${k})`).toEqual(expected);
      }
  });

  it("gives the same answer when a query comes again (its words' scores remembered, its sums cleared)", () => {
    const { search } = build();
    const first = search.search("phòng chống dịch tỉnh ủy", 3);
    search.search("vắc xin", 3);
    expect(search.search("phòng chống dịch tỉnh ủy", 3)).toEqual(first);
    expect(first.map((d) => d.id)).toEqual(["cv-146", "cv-147", "ct-16"]);
  });
});

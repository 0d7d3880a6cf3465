import { beforeAll, describe, expect, it } from "vitest";
import { buildAbbreviationIndex } from "../../src/search/abbreviations.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { createTitleMatcher } from "../../src/search/named-documents.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = loadLexicon(DATA_DIR);
});

const corpus = () =>
  makeCorpus([
    {
      docId: "blds",
      meta: { title: "Bộ luật dân sự", type: "Bộ luật" },
      passages: [
        {
          text: "Hợp đồng gồm các loại chủ yếu sau đây: hợp đồng song vụ, hợp đồng đơn vụ, hợp đồng chính.",
          section: "Điều 402",
        },
        { text: "Giao dịch dân sự là hợp đồng hoặc hành vi pháp lý đơn phương.", section: "Điều 116" },
      ],
    },
    {
      docId: "cu-tru",
      meta: { title: "Luật Cư trú", type: "Luật" },
      passages: [{ text: "Công dân có quyền tự do cư trú theo quy định của Luật này.", section: "Điều 3" }],
    },
    {
      docId: "cv",
      meta: { title: "Về việc tăng cường phòng, chống dịch Covid-19", type: "Công văn" },
      passages: [{ text: "Các địa phương tăng cường kiểm soát người ra vào địa bàn.", section: "1" }],
    },
    {
      docId: "yen-the",
      meta: { type: "Công văn", issuer: "Ban Thường vụ Huyện ủy Yên Thế" },
      passages: [{ text: "Sau gần 2 tháng tập trung toàn lực, huyện đã kiểm soát được dịch bệnh.", section: "1" }],
    },
    {
      docId: "tinh-khac",
      meta: { type: "Công văn", issuer: "Ban Thường vụ Tỉnh ủy Nam Định" },
      passages: [{ text: "Sau 1 tháng, tỉnh đã kiểm soát được dịch bệnh.", section: "1" }],
    },
  ]);

describe("documents a question names by title", () => {
  it("finds a statute by its title or abbreviation, whole words only", () => {
    const named = createTitleMatcher(corpus(), buildAbbreviationIndex(lexicon));
    expect([...named("Theo Luật Cư trú, công dân có quyền gì?")]).toEqual(["cu-tru"]);
    expect([...named("Loại hợp đồng nào sau đây không được BLDS 2015 quy định?")]).toEqual(["blds"]);
    expect([...named("theo bo luat dan su thi sao")]).toEqual(["blds"]);
    expect([...named("tăng cường phòng, chống dịch Covid-19 thế nào")]).toEqual([]);
    expect([...named("Luật Cư trúng thưởng")]).toEqual([]);
  });

  it("names a local document by its issuer's place, with or without marks; a national issuer names none", () => {
    const named = createTitleMatcher(corpus(), buildAbbreviationIndex(lexicon));
    expect([...named("Yên Thế mất bao lâu để kiểm soát được dịch?")]).toEqual(["yen-the"]);
    expect([...named("yen the mat bao lau de kiem soat duoc dich")]).toEqual(["yen-the"]);
    expect([...named("Tỉnh Nam Định kiểm soát dịch thế nào?")]).toEqual(["tinh-khac"]);
    expect([...named("Ai chịu trách nhiệm trước Chính phủ?")]).toEqual([]);
  });

  it("ranks the named place's document first, the shorter passage first when no place is named", () => {
    const index = buildSearchIndex(corpus(), { lexicon });
    const first = (q: string) => index.search(q, 2)[0]?.document.meta.docId;
    expect(first("Yên Thế kiểm soát được dịch bệnh sau bao lâu?")).toBe("yen-the");
    expect(first("Kiểm soát được dịch bệnh sau bao lâu?")).toBe("tinh-khac");
  });

  it("keeps the no-answer rule from refusing a question that names a document, and only that", () => {
    const index = buildSearchIndex(corpus(), { lexicon });
    const hits = index.search("Loại hợp đồng nào sau đây không được BLDS 2015 quy định?", 3);
    expect(hits[0]?.passage.section).toBe("Điều 402");
    expect(index.search("Loại xe nào sau đây không được đăng kiểm năm 2015?", 3)).toEqual([]);
  });
});

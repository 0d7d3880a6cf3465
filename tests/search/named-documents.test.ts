import { beforeAll, describe, expect, it } from "vitest";
import { buildAbbreviationIndex } from "../../src/search/abbreviations.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { createPlaceMatcher, createTitleMatcher } from "../../src/search/named-documents.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = loadLexicon(DATA_DIR);
});

/** A one-passage document: its id, metadata and the text of its item 1 (or the article given). */
const doc = (docId: string, meta: Record<string, string>, text: string, section = "1") => ({
  docId,
  meta,
  passages: [{ text, section }],
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
    doc(
      "cu-tru",
      { title: "Luật Cư trú", type: "Luật" },
      "Công dân có quyền tự do cư trú theo quy định của Luật này.",
      "Điều 3",
    ),
    doc(
      "cv",
      { title: "Về việc tăng cường phòng, chống dịch Covid-19", type: "Công văn" },
      "Các địa phương tăng cường kiểm soát người ra vào địa bàn.",
    ),
    doc(
      "yen-the",
      { type: "Công văn", issuer: "Ban Thường vụ Huyện ủy Yên Thế" },
      "Sau gần 2 tháng tập trung toàn lực, huyện đã kiểm soát được dịch bệnh.",
    ),
    doc(
      "tinh-khac",
      { type: "Công văn", issuer: "Ban Thường vụ Tỉnh ủy Nam Định" },
      "Sau 1 tháng, tỉnh đã kiểm soát được dịch bệnh.",
    ),
  ]);

describe("documents a question names by title", () => {
  // By a statute's title or abbreviation, whole words only.
  it.each([
    ["Theo Luật Cư trú, công dân có quyền gì?", ["cu-tru"]],
    ["Loại hợp đồng nào sau đây không được BLDS 2015 quy định?", ["blds"]],
    ["theo bo luat dan su thi sao", ["blds"]],
    ["tăng cường phòng, chống dịch Covid-19 thế nào", []],
    ["Luật Cư trúng thưởng", []],
    ["Yên Thế mất bao lâu để kiểm soát được dịch?", []],
  ])("%j names %j by title", (question, ids) => {
    expect([...createTitleMatcher(corpus(), buildAbbreviationIndex(lexicon))(question)]).toEqual(ids);
  });

  // By a local issuer's place, with or without marks; a national issuer has none.
  it.each([
    ["Yên Thế mất bao lâu để kiểm soát được dịch?", ["yen-the"]],
    ["yen the mat bao lau de kiem soat duoc dich", ["yen-the"]],
    ["Tỉnh Nam Định kiểm soát dịch thế nào?", ["tinh-khac"]],
    ["Ai chịu trách nhiệm trước Chính phủ?", []],
  ])("%j names %j by place", (question, ids) => {
    expect([...createPlaceMatcher(corpus())(question)]).toEqual(ids);
  });

  it("a place named is no reason to answer: 'Hà Nội có món gì ngon' is refused beside a Hà Nội letter", () => {
    const letter = doc(
      "ha-noi",
      { type: "Công văn", issuer: "Ủy ban nhân dân thành phố Hà Nội" },
      "Các quận, huyện của Hà Nội tăng cường kiểm tra phòng cháy chữa cháy tại khu dân cư.",
    );
    const index = buildSearchIndex(makeCorpus([letter]), { lexicon });
    expect([...createPlaceMatcher(makeCorpus([letter]))("Hà Nội có món gì ngon")]).toEqual(["ha-noi"]);
    for (const q of ["Hà Nội có món gì ngon", "giá nhà ở Hà Nội", "thời tiết Hà Nội ngày mai thế nào"])
      expect(index.search(q, 3)).toEqual([]);
    expect(index.search("Hà Nội kiểm tra phòng cháy chữa cháy ở khu dân cư", 3)[0]?.document.meta.docId).toBe("ha-noi");
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

import { beforeAll, describe, expect, it } from "vitest";
import { definedTerm, definitionIndex, termDefinedBy } from "../../src/search/definition.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { WEIGHTS } from "../../src/search/rank.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = loadLexicon(DATA_DIR);
});

describe("a question asking what a term means", () => {
  it("names the term, with marks or without, in Vietnamese and in English", () => {
    expect(definedTerm("Cư trú là gì?", "vi", lexicon)).toEqual(["cu tru"]);
    expect(definedTerm("“An ninh mạng” là gì?", "vi", lexicon)).toEqual(["an ninh mang"]);
    expect(definedTerm("thế nào là giãn cách xã hội", "vi", lexicon)).toEqual(["gian cach xa hoi"]);
    expect(definedTerm("Theo Luật Cư trú, nơi thường trú được hiểu như thế nào?", "vi", lexicon)).toEqual([
      "noi thuong tru",
    ]);
    expect(definedTerm("What is social distancing?", "en", lexicon)).toEqual(["gian cach xa hoi"]);
    expect(definedTerm("what does cybersecurity mean", "en", lexicon)).toEqual(["an ninh mang"]);
  });

  it("is not read into questions that ask something else or a whole sentence", () => {
    expect(definedTerm("Ai chịu trách nhiệm tiêm vắc xin?", "vi", lexicon)).toBeUndefined();
    expect(
      definedTerm("Người dân ra đường khi không có việc cần thiết thì hình thức xử phạt là gì?", "vi", lexicon),
    ).toBeUndefined();
    expect(definedTerm("What is the weather in Hanoi tomorrow?", "en", lexicon)).toBeUndefined();
  });
});

describe("a passage that defines a term", () => {
  it("opens with the term and 'là', after a clause number, quotes or a parenthesis", () => {
    expect(termDefinedBy("2. Cư trú là việc công dân sinh sống tại một địa điểm")).toBe("cu tru");
    expect(termDefinedBy("a) “Chất thải nguy hại” là chất thải chứa yếu tố độc hại")).toBe("chat thai nguy hai");
    expect(termDefinedBy("Nơi tạm trú (sau đây gọi là nơi ở) là nơi công dân sinh sống")).toBe("noi tam tru");
    expect(termDefinedBy("Thông tin được hiểu là tin, dữ liệu được chứa đựng trong văn bản")).toBe("thong tin");
  });

  it("is not a clause that merely says 'là' late, or after a comma", () => {
    expect(termDefinedBy("Trường hợp không xác định được nơi thường trú, nơi tạm trú thì nơi cư trú là nơi ở")).toBe(
      undefined,
    );
    expect(termDefinedBy("Ủy ban nhân dân các cấp có trách nhiệm tổ chức thực hiện công tác này là chủ yếu")).toBe(
      undefined,
    );
  });

  it("is indexed by its term", () => {
    const index = definitionIndex([
      { text: "1. Cư trú là việc…" },
      { text: "Quyền tự do cư trú" },
      { text: "Cư trú là…" },
    ]);
    expect(index.get("cu tru")).toEqual([0, 2]);
  });
});

describe("ranking for a definition question", () => {
  it("puts the defining clause first, though many clauses use the term more often", () => {
    const using = Array.from({ length: 12 }, (_, i) => ({
      text: `Cơ quan đăng ký cư trú hướng dẫn việc khai báo cư trú, thay đổi cư trú của công dân trường hợp ${i + 1}.`,
      section: `Điều ${10 + i}`,
    }));
    const corpus = makeCorpus([
      {
        docId: "luat-cu-tru",
        passages: [
          ...using,
          {
            text: "Cư trú là việc công dân sinh sống tại một địa điểm thuộc đơn vị hành chính cấp xã.",
            section: "Điều 2",
          },
        ],
      },
    ]);
    const index = buildSearchIndex(corpus, { lexicon });
    expect(WEIGHTS.definition).toBeGreaterThan(0);
    expect(index.search("Cư trú là gì?", 3)[0]?.passage.section).toBe("Điều 2");
    expect(index.search("cu tru la gi", 3)[0]?.passage.section).toBe("Điều 2");
    expect(index.search("What is residence?", 3)[0]?.passage.section).toBe("Điều 2");
  });
});

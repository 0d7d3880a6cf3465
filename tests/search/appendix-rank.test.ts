import { beforeAll, describe, expect, it } from "vitest";
import { loadLexicon } from "../../src/search/glossary.ts";
import { isAppendixLine } from "../../src/search/rank.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

// A form's lines name every field a rule speaks of: the rule answers content questions, the form answers for forms.
const RULE =
  "Người thành lập hộ kinh doanh nộp hồ sơ đăng ký hộ kinh doanh tại cơ quan đăng ký kinh doanh cấp xã nơi đặt trụ sở; hồ sơ gồm giấy đề nghị đăng ký và bản sao giấy tờ pháp lý của chủ hộ.";
const FORM = "Hồ sơ đăng ký hộ kinh doanh gồm: [ ] Giấy đề nghị đăng ký [ ] Bản sao giấy tờ pháp lý";

// A tariff list names goods of every kind: its words meet questions the corpus has nothing on.
const TARIFF =
  "0301 Cá cảnh nuôi trong bể kính 0 0; 0603 Hoa hồng trồng trong chậu, cách khác 5 5; 3706 Phim điện ảnh chiếu cuối tuần 10 10";

let index: SearchIndex;
beforeAll(() => {
  index = buildSearchIndex(
    makeCorpus([
      {
        docId: "nd",
        passages: [
          { text: RULE, section: "Điều 5, khoản 1" },
          { text: FORM, section: "Mẫu số 01" },
          { text: TARIFF, section: "Phụ lục II" },
          { text: `Thuế suất nhập khẩu ưu đãi: ${TARIFF}`, section: "Phụ lục III" },
          { text: `Thuế suất xuất khẩu: ${TARIFF}`, section: "Phụ lục IV" },
        ],
      },
    ]),
    { lexicon: loadLexicon(DATA_DIR) },
  );
});

describe("appendix lines (forms, tables, lists) rank below the rule they repeat", () => {
  it("a content question cites the article, not the form", () => {
    const hits = index.search("Hồ sơ đăng ký hộ kinh doanh gồm những gì?", 2);
    expect(hits[0]?.passage.section).toBe("Điều 5, khoản 1");
  });

  it("a question asking for the form gets the form", () => {
    const hits = index.search("Mẫu đơn đăng ký hộ kinh doanh", 2);
    expect(hits.map((h) => h.passage.section)).toContain("Mẫu số 01");
    expect(hits[0]?.passage.section).toBe("Mẫu số 01");
  });

  it("an appendix line alone does not answer an off-topic question its words happen to meet", () => {
    expect(index.search("Cách trồng hoa hồng trong chậu", 3)).toEqual([]);
    expect(index.search("Cách nuôi cá cảnh trong bể kính", 3)).toEqual([]);
  });

  it("tells appendix lines from an attached regulation's articles", () => {
    expect(isAppendixLine("Phụ lục II")).toBe(true);
    expect(isAppendixLine("Mẫu số 01")).toBe(true);
    expect(isAppendixLine("Danh mục")).toBe(true);
    expect(isAppendixLine("Phụ lục I, Điều 3")).toBe(false);
    expect(isAppendixLine("Chương trình, Điều 12, khoản 3")).toBe(false);
    expect(isAppendixLine("Điều 5")).toBe(false);
    expect(isAppendixLine(null)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/build-answer.ts";
import { citedPart, partText, SECTION_MAX_CHARS, sectionPassages } from "../../src/answer/section-text.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { DATA_DIR, makeCorpus } from "../search/fixtures.ts";

const corpus = makeCorpus(
  [
    {
      docId: "tb",
      passages: [
        { text: "2.1. Quán triệt thống nhất nhận thức của cấp ủy về mục tiêu kép.", section: "2.1" },
        { text: "2.2. Giám sát việc thực hiện cách ly tại nhà của các trường hợp F2.", section: "2.2" },
        { text: "Rà soát các trường hợp tiếp xúc gần với người nghi nhiễm, lấy mẫu xét nghiệm.", section: "2.2" },
        { text: "Quản lý chặt chẽ nơi tập trung đông người, chợ đầu mối, bến xe.", section: "2.2" },
        { text: "2.3. Rà soát phương án, kịch bản phòng chống dịch.", section: "2.3" },
        { text: "Một đoạn không đánh số về công tác tuyên truyền." },
        { text: "Một đoạn khác không đánh số về công tác khen thưởng." },
      ],
    },
    {
      docId: "luat",
      passages: [
        { text: "Điều 5. Phạm vi áp dụng", section: "Điều 5" },
        { text: "1. Người lao động làm việc theo hợp đồng lao động.", section: "Điều 5, khoản 1" },
        { text: "2. Người sử dụng lao động ký kết hợp đồng.", section: "Điều 5, khoản 2" },
      ],
    },
  ],
  { filler: false },
);
const tb = corpus.documents.get("tb")!;
const luat = corpus.documents.get("luat")!;

describe("sectionPassages: the cited section as the document writes it", () => {
  it("a numbered item split into paragraphs is given whole, from any of its paragraphs, in document order", () => {
    for (const p of tb.passages.slice(1, 4)) expect(sectionPassages(tb, p).map((x) => x.order)).toEqual([1, 2, 3]);
  });

  it("an unnumbered paragraph is its own section; neighbouring sections are not taken", () => {
    expect(sectionPassages(tb, tb.passages[5]!)).toEqual([tb.passages[5]]);
    expect(sectionPassages(tb, tb.passages[0]!)).toEqual([tb.passages[0]]);
    expect(sectionPassages(tb, tb.passages[4]!)).toEqual([tb.passages[4]]);
  });

  it("a section longer than the limit is cut to the paragraphs around the cited one that fit", () => {
    const limit = tb.passages[2]!.text.length + tb.passages[1]!.text.length;
    expect(sectionPassages(tb, tb.passages[2]!, limit).map((x) => x.order)).toEqual([1, 2]);
    expect(sectionPassages(tb, tb.passages[2]!, 10)).toEqual([tb.passages[2]]);
    expect(SECTION_MAX_CHARS).toBeGreaterThan(1000);
  });
});

describe("citedPart: what an answer gives", () => {
  it("clauses of one article merged into an answer cite the article and give the clauses in order", () => {
    const part = citedPart(luat, luat.passages[2]!, [luat.passages[1]!]);
    expect(part.section).toBe("Điều 5");
    expect(partText(part)).toBe(`${luat.passages[1]!.text}\n\n${luat.passages[2]!.text}`);
  });

  it("one clause alone keeps its own label and text", () => {
    const part = citedPart(luat, luat.passages[1]!);
    expect(part.section).toBe("Điều 5, khoản 1");
    expect(partText(part)).toBe(luat.passages[1]!.text);
  });

  it("an answer from one paragraph of item 2.2 gives the whole of 2.2, its excerpt from the cited paragraph", () => {
    const index = buildSearchIndex(makeCorpus([{ docId: tb.meta.docId, passages: tb.passages }]), {
      glossaryDir: DATA_DIR,
    });
    const set = answerQuestion("tiếp xúc gần với người nghi nhiễm", 3, { index, publicBaseUrl: "http://x" });
    const first = set.answers[0]!;
    expect(first.section).toBe("2.2");
    expect(first.passage).toContain("cách ly tại nhà");
    expect(first.passage).toContain("chợ đầu mối");
    expect(first.passage).not.toContain("2.3.");
    expect(first.excerpt).toContain("tiếp xúc gần");
    expect(first.excerpt).not.toContain("cách ly tại nhà");
  });
});

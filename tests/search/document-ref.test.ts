import { describe, expect, it } from "vitest";
import {
  findNumbers,
  matchDocuments,
  numberKey,
  parseDocumentRef,
  parseDocumentRefs,
  partsMatch,
  type RefTarget,
} from "../../src/search/document-ref.ts";
import { tokenize } from "../../src/search/tokenize.ts";

const DOCS: RefTarget[] = [
  {
    docId: "cv-146",
    type: "Công văn",
    number: "146-CV/TU",
    date: "2021-05-04",
    issuer: "Ban Thường vụ Tỉnh ủy Nam Định",
  },
  {
    docId: "cv-209",
    type: "Công văn",
    number: "209-CV/TU",
    date: "2021-07-21",
    issuer: "Ban Thường vụ Tỉnh ủy Kiên Giang",
  },
  { docId: "nd-111", type: "Nghị định", number: "111/2022/NĐ-CP", date: "2022-12-30", issuer: "Chính phủ" },
  { docId: "nd-112", type: "Nghị định", number: "112/2021/NĐ-CP", date: "2021-12-10", issuer: "Chính phủ" },
  { docId: "qd-111", type: "Quyết định", number: "111/QĐ-UBND", date: "2022-01-05", issuer: "Ủy ban nhân dân tỉnh" },
  { docId: "ct-21", type: "Chỉ thị", number: "21/CT-TTg", date: "2026-05-20", issuer: "Thủ tướng Chính phủ" },
  { docId: "bl-45", type: "Bộ luật", number: "45/2019/QH14", date: "2019-11-20", issuer: "Quốc hội" },
];
const first = (q: string) => {
  for (const ref of parseDocumentRefs(q)) {
    const best = matchDocuments(ref, DOCS)[0];
    if (best) return best.docId;
  }
  return null;
};

describe("parseDocumentRef: the forms a question names a document by", () => {
  it.each([
    ["Công văn 146-CV/TU", "cv-146"],
    ["công văn 146", "cv-146"],
    ["CV 146", "cv-146"],
    ["cv 146/TU", "cv-146"],
    ["cong van so 146", "cv-146"],
    ["Nghị định 111/2022/NĐ-CP", "nd-111"],
    ["nghi dinh so 111/2022/nd-cp", "nd-111"],
    ["nghị định số 111/2022 quy định gì?", "nd-111"],
    ["quyết định 111", "qd-111"],
    ["who signed decree 112/2021?", "nd-112"],
    ["Ai ký Chỉ thị 21/CT-TTg?", "ct-21"],
    ["16/CT-TTg và 21/CT-TTg", "ct-21"],
    ["công văn của Tỉnh ủy Kiên Giang ngày 21/7/2021", "cv-209"],
    ["công văn ngày 04 tháng 5 năm 2021", "cv-146"],
  ])("%s → %s", (q, docId) => {
    expect(first(q)).toBe(docId);
  });

  it("a type rules out documents of another family with the same number", () => {
    expect(first("nghị định 111")).toBe("nd-111");
    expect(first("quyết định số 111")).toBe("qd-111");
  });

  it("a whole number under another type's name still finds its document", () => {
    expect(first("Nghị quyết 45/2019/QH14")).toBe("bl-45");
    expect(first("luật số 45/2019/QH14 quy định gì?")).toBe("bl-45");
    // A partial number with the wrong type names nothing rather than a guess.
    expect(first("nghị quyết số 45")).toBeNull();
  });

  it("names nothing when the question has no number and no dated type", () => {
    expect(parseDocumentRef("tiêm vắc xin cho người cao tuổi")).toBeNull();
    expect(parseDocumentRef("ngày 30/6/2021 phải làm gì?")).toBeNull();
    expect(parseDocumentRef("năm 2021 có bao nhiêu ca")).toBeNull();
  });

  it("reads what a metadata question asks for", () => {
    expect(parseDocumentRef("Ai ký Chỉ thị 21/CT-TTg?")?.asks).toBe("signer");
    expect(parseDocumentRef("Nghị định 111/2022 ban hành ngày nào?")?.asks).toBe("date");
    expect(parseDocumentRef("who signed decree 112/2021?")?.asks).toBe("signer");
    expect(parseDocumentRef("Cơ quan nào ban hành công văn 146?")?.asks).toBe("issuer");
    expect(parseDocumentRef("công văn 146 quy định gì?")?.asks).toBeNull();
  });
});

describe("document numbers in text", () => {
  it("finds numbers, never dates or year ranges", () => {
    const text =
      "Thực hiện Công văn số 571-CV/TU ngày 22/7/2021, Chỉ thị 16/CT-TTg, giai đoạn 2021-2025, hạn 30/6/2021.";
    expect(findNumbers(text).map((m) => m.raw)).toEqual(["571-CV/TU", "16/CT-TTg"]);
  });

  it("keys a number whatever its separators and marks", () => {
    expect(numberKey("146-CV/TU")).toBe(numberKey("146/cv-tu"));
    expect(numberKey("111/2022/NĐ-CP")).toBe("111/2022/nd/cp");
    expect(numberKey("04/2025/TT-BLĐTBXH")).toBe("4/2025/tt/bldtbxh");
  });

  it("matches a partial number only by its leading number and parts in order", () => {
    expect(partsMatch(["146", "tu"], ["146", "cv", "tu"])).toBe(true);
    expect(partsMatch(["146"], ["146", "cv", "tu"])).toBe(true);
    expect(partsMatch(["14"], ["146", "cv", "tu"])).toBe(false);
    expect(partsMatch(["146", "tu", "cv"], ["146", "cv", "tu"])).toBe(false);
  });

  it("the tokenizer keeps dates as words and numbers whole", () => {
    const whole = (s: string) =>
      tokenize(s)
        .filter((t) => !t.part)
        .map((t) => t.exact);
    expect(whole("ngày 30/6/2021 theo 146-CV/TU")).toEqual(["ngày", "30", "6", "2021", "theo", "146-cv/tu"]);
    expect(whole("12/2023/TT-BLĐTBXH ngày 02.7.2021")).toEqual(["12/2023/tt-blđtbxh", "ngày", "2", "7", "2021"]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findReferences, findSupersessions } from "../../src/corpus/find-references.ts";

/** The reference pattern as one left-to-right regex: what findReferences's number-first scan must give. */
const TYPES = "Công văn|Chỉ thị|Quyết định|Thông báo|Kế hoạch|Nghị quyết|Hướng dẫn|Công điện|Kết luận|Thông tư";
const PLAIN_REF = new RegExp(
  String.raw`(?:(${TYPES}|Nghị định|Quy định|Quy chế|Báo cáo|Thông tri|Luật|Pháp lệnh)\s+)?(?:số\s+)?` +
    String.raw`(\d+(?:[/-][\p{L}\p{N}]+)+)(?:\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?`,
  "giu",
);
const FRAGMENTS = [
  "Công văn",
  "CÔNG VĂN",
  "quyết định",
  "Luật",
  "số",
  "Số",
  " ",
  "  ",
  "\n",
  "ngày",
  "NGÀY",
  "12",
  "5",
  "/",
  "-",
];
const MORE = ["CV", "TU", "QĐ-UBND", "2021", ".", ",", "a", "Đ", "x1", "thay thế", "của", " 12-CV/TU", "3/QĐ"];
const DATES = [" ngày 1/7/2021", " NGÀY 12-5-2021", " ngày  3 . 4 . 2020", " ngày 30/9"];

describe("findReferences and findSupersessions", () => {
  it("names documents by number, type and date", () => {
    const refs = findReferences("theo Chỉ thị số 16/CT-TTg của Thủ tướng và Kết luận số 105-KL/TU ngày 16/5/2021");
    expect(refs.map(({ type, number, date }) => ({ type, number, date }))).toEqual([
      { type: "Chỉ thị", number: "16/CT-TTg", date: null },
      { type: "Kết luận", number: "105-KL/TU", date: "2021-05-16" },
    ]);
  });

  it("'X thay thế Y', 'bãi bỏ Y và Z', 'Y hết hiệu lực': the replaced documents, never the document itself", () => {
    expect(
      findSupersessions(
        "Công văn này thay thế Công văn số 215-CV/HU ngày 01/7/2021 của Ban Thường vụ Huyện ủy.",
        "300-CV/HU",
      ),
    ).toEqual([{ verb: "thay thế", ref: { type: "Công văn", number: "215-CV/HU", date: "2021-07-01" } }]);
    expect(
      findSupersessions("Bãi bỏ Công văn số 12-CV/HU ngày 1/2/2021 và Công văn số 13-CV/HU.").map((s) => s.ref.number),
    ).toEqual(["12-CV/HU", "13-CV/HU"]);
    expect(
      findSupersessions("Công văn số 99-CV/TU ngày 3/3/2021 của Ban Thường vụ Tỉnh ủy hết hiệu lực kể từ ngày ký."),
    ).toEqual([{ verb: "hết hiệu lực", ref: { type: "Công văn", number: "99-CV/TU", date: "2021-03-03" } }]);
    expect(findSupersessions("Quyết định này thay thế Quyết định số 300-CV/HU", "300-CV/HU")).toEqual([]);
  });

  it("a letter cited without its number (seed style 'Số -CV/HU') is named by type and date", () => {
    expect(
      findSupersessions("Công văn này thay thế Công văn số -CV/HU ngày 25/7/2021 của Ban Thường vụ Huyện ủy."),
    ).toEqual([{ verb: "thay thế", ref: { type: "Công văn", number: null, date: "2021-07-25" } }]);
  });

  it("other senses of the words replace nothing", () => {
    expect(
      findSupersessions("Thực hiện Công văn số 571-CV/TU ngày 22/7/2021; thay thế vật tư hỏng tại các chốt."),
    ).toEqual([]);
    expect(findSupersessions("thay thế nhân sự theo Công văn số 571-CV/TU")).toEqual([]);
  });

  it("a passive verb counts only as a word of its own: not glued to a letter before it, in any case", () => {
    const ref = { type: "Công văn", number: "215-CV/HU", date: "2021-07-01" };
    expect(findSupersessions("Công văn số 215-CV/HU ngày 1/7/2021 xhết hiệu lực.")).toEqual([]);
    expect(findSupersessions("Công văn số 215-CV/HU ngày 1/7/2021 𝐀hết hiệu lực.")).toEqual([]);
    expect(findSupersessions("Công văn số 215-CV/HU ngày 1/7/2021 (HẾT HIỆU LỰC).")).toEqual([
      { verb: "hết hiệu lực", ref },
    ]);
    // The same words again after a glued one are still found.
    expect(findSupersessions("Công văn số 215-CV/HU ngày 1/7/2021 xhết hiệu lực, nay hết hiệu lực.")).toEqual([
      { verb: "hết hiệu lực", ref },
    ]);
  });

  it("'được'/'bị' before a verb makes it passive, in any case, unless a letter is glued to it", () => {
    const ref = { type: "Chỉ thị", number: "05/CT-TU", date: null };
    expect(findSupersessions("Chỉ thị số 05/CT-TU được thay thế bởi Chỉ thị này.")).toEqual([
      { verb: "thay thế", ref },
    ]);
    expect(findSupersessions("CHỈ THỊ SỐ 05/CT-TU BỊ BÃI BỎ.")).toEqual([{ verb: "bãi bỏ", ref }]);
    expect(findSupersessions("Chỉ thị số 05/CT-TU không còn hiệu lực.")).toEqual([{ verb: "hết hiệu lực", ref }]);
    expect(findSupersessions("Chỉ thị số 05/CT-TU xbị thay thế.")).toEqual([]);
  });

  it("finds what one left-to-right match of the reference pattern finds, where it starts and ends", () => {
    const text = fc.array(fc.constantFrom(...FRAGMENTS, ...MORE, ...DATES), { maxLength: 40 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(PLAIN_REF)]
          .filter((m) => /\p{L}/u.test(m[2]!))
          .map((m) => [m.index, m.index + m[0].length, m[2]]);
        const found = findReferences(t)
          .filter((r) => r.number !== null)
          .map((r) => [r.start, r.end, r.number]);
        expect(found).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

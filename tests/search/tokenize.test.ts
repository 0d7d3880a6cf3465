import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, normalizeText } from "../../src/search/normalize.ts";
import { bigramKey, isDocumentNumber, phraseRuns, tokenize, type Token } from "../../src/search/tokenize.ts";

const whole = (tokens: Token[]) => tokens.filter((t) => !t.part);
const exacts = (tokens: Token[]) => tokens.map((t) => t.exact);

describe("tokenize: syllables", () => {
  it("splits Vietnamese into lowercase syllables in the canonical (new-style) tone placement", () => {
    expect(exacts(tokenize("Ủy Ban Nhân Dân HÒA BÌNH"))).toEqual(["uỷ", "ban", "nhân", "dân", "hoà", "bình"]);
    expect(exacts(tokenize("Thủy lợi và thuỷ sản"))).toEqual(["thuỷ", "lợi", "và", "thuỷ", "sản"]);
  });

  it("old-style and new-style spellings give the same tokens", () => {
    expect(exacts(tokenize("hòa giải, ủy quyền, khỏe mạnh"))).toEqual(
      exacts(tokenize("hoà giải, uỷ quyền, khoẻ mạnh")),
    );
  });

  it("the folded form drops every mark and turns đ into d", () => {
    expect(tokenize("Đảng bộ tiêm vắc xin").map((t) => t.folded)).toEqual(["dang", "bo", "tiem", "vac", "xin"]);
  });

  it("keeps 'TT&TT' as one token", () => {
    expect(exacts(tokenize("Trung tâm Văn hóa - TT&TT huyện"))).toEqual([
      "trung",
      "tâm",
      "văn",
      "hoá",
      "tt&tt",
      "huyện",
    ]);
  });

  it("yields nothing for punctuation and whitespace", () => {
    expect(tokenize("  ?! … , . ; – ")).toEqual([]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("tokenize: document numbers", () => {
  it.each([
    ["146-CV/TU", "146-cv/tu", ["146", "cv", "tu"]],
    ["940/QĐ-UBND", "940/qđ-ubnd", ["940", "qđ", "ubnd"]],
    ["16/CT-TTg", "16/ct-ttg", ["16", "ct", "ttg"]],
  ])("%s is one whole token followed by its parts, each marked part: true", (raw, wholeForm, parts) => {
    const tokens = tokenize(`Thực hiện văn bản số ${raw} ngày 04/5/2021`);
    const i = tokens.findIndex((t) => t.exact === wholeForm);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(tokens[i]!.part).toBeUndefined();
    expect(isDocumentNumber(tokens[i]!.exact)).toBe(true);
    const following = tokens.slice(i + 1, i + 1 + parts.length);
    expect(exacts(following)).toEqual(parts);
    expect(following.every((t) => t.part === true)).toBe(true);
    // Parts are the only `part` tokens besides those of the date, which is a number too.
    expect(tokens.filter((t) => t.part && t.start >= tokens[i]!.start && t.end <= tokens[i]!.end)).toHaveLength(
      parts.length,
    );
  });

  it("folds a number's đ like any other: 940/QĐ-UBND is found as 940/qd-ubnd", () => {
    const t = whole(tokenize("940/QĐ-UBND"))[0]!;
    expect(t.folded).toBe("940/qd-ubnd");
    expect(t.folded).toBe(fold(t.exact));
  });

  it("a plain word or a bare number is not a document number", () => {
    expect(isDocumentNumber("146")).toBe(false);
    expect(isDocumentNumber("ubnd")).toBe(false);
    expect(tokenize("146").some((t) => t.part)).toBe(false);
  });
});

describe("tokenize: numbers and offsets", () => {
  it("'03' and '3' are the same token", () => {
    const [a] = tokenize("03 vòng kiểm soát");
    const [b] = tokenize("3 vòng kiểm soát");
    expect(a!.exact).toBe("3");
    expect(a!.exact).toBe(b!.exact);
    expect(a!.folded).toBe(b!.folded);
    // The offsets still cover what the text wrote.
    expect("03 vòng kiểm soát".slice(a!.start, a!.end)).toBe("03");
    expect(tokenize("0")[0]!.exact).toBe("0");
  });

  it("offsets point into the original text: its slice normalises to the token", () => {
    const text = "Ban Thường vụ Tỉnh ủy Nam Định ban hành Công văn số 146-CV/TU, yêu cầu: tiêm vắc xin!";
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(10);
    for (const t of tokens) {
      const slice = text.slice(t.start, t.end);
      expect(normalizeText(slice)).toBe(t.exact);
      expect(fold(slice)).toBe(t.folded);
    }
  });

  it("property: for any NFC Vietnamese text, every whole token's slice normalises to it and whole tokens do not overlap", () => {
    const letters = [..."aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"];
    const unit = fc.constantFrom(
      ...letters,
      ...letters.map((c) => c.toUpperCase()),
      " ",
      " ",
      ",",
      ".",
      "-",
      "/",
      "1",
      "4",
      "0",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        let lastEnd = -1;
        for (const t of whole(tokenize(text))) {
          const slice = text.slice(t.start, t.end);
          const expected = /^\d+$/.test(slice) ? slice.replace(/^0+(?=\d)/, "") : normalizeText(slice);
          if (t.exact !== expected) return false;
          if (t.start < lastEnd || t.end <= t.start) return false;
          lastEnd = t.end;
        }
        return true;
      }),
    );
  });
});

describe("phraseRuns", () => {
  it("breaks at commas, full stops, semicolons, colons, brackets, quotes and spaced dashes", () => {
    const runs = phraseRuns(
      "Tiêm vắc xin, cách ly tập trung; phong tỏa. Yêu cầu: truy vết (F1) “khẩn cấp” kinh tế - xã hội",
    );
    expect(runs.map((r) => exacts(r).join(" "))).toEqual([
      "tiêm vắc xin",
      "cách ly tập trung",
      "phong toả",
      "yêu cầu",
      "truy vết",
      "f1",
      "khẩn cấp",
      "kinh tế",
      "xã hội",
    ]);
  });

  it("does not break inside a phrase, nor at a hyphen inside a number", () => {
    const runs = phraseRuns("thực hiện Công văn 146-CV/TU của Ban Thường vụ");
    expect(runs).toHaveLength(1);
    expect(exacts(runs[0]!)).toEqual(["thực", "hiện", "công", "văn", "146-cv/tu", "của", "ban", "thường", "vụ"]);
  });

  it("never contains the parts of a document number", () => {
    for (const run of phraseRuns("số 940/QĐ-UBND, 16/CT-TTg")) expect(run.some((t) => t.part)).toBe(false);
  });

  it("breaks at a line break", () => {
    expect(phraseRuns("Công an huyện\nTrung tâm Y tế").map((r) => exacts(r).join(" "))).toEqual([
      "công an huyện",
      "trung tâm y tế",
    ]);
  });

  it("bigramKey joins two syllables with an underscore", () => {
    expect(bigramKey("tiem", "vac")).toBe("tiem_vac");
  });
});

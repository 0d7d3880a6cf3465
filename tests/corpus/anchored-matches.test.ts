import { describe, expect, it } from "vitest";
import { anchoredMatches } from "../../src/corpus/anchored-matches.ts";

const PATTERN =
  /(?:định\s+kỳ\s+)?(?:trước\s+ngày\s+\d{1,2}\s+)?(?:hằng|hàng)\s+(tuần|tháng)|định\s+kỳ\s+(?:\d+\s+)?tháng/giu;
const STICKY = new RegExp(PATTERN.source, "yiu");
const ANCHOR = /hằng|hàng|định/giu;
const found = (t: string) => [...anchoredMatches(t, ANCHOR, STICKY, 5)].map((m) => [m.index, m[0], m[1]]);
const expected = (t: string) => [...t.matchAll(PATTERN)].map((m) => [m.index, m[0], m[1]]);

describe("anchoredMatches: a regex's matches found from a word each holds", () => {
  it.each([
    "Báo cáo định kỳ trước ngày 25 hằng tháng và hàng tuần.",
    "xác định kỳ hằng tháng; ĐỊNH KỲ 6 THÁNG; hàng hóa hằng  tuần",
    "trước ngày 5 trước ngày 6 hằng tháng",
    "ngân hàng tháng trước, không có gì",
    "",
  ])("gives what matchAll gives: %s", (t) => {
    expect(found(t)).toEqual(expected(t));
  });

  it("finds a match that starts inside a word, as the regex does", () => {
    expect(found("xđịnh kỳ hằng tháng")).toEqual([[1, "định kỳ hằng tháng", "tháng"]]);
  });
});

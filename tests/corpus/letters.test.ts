import { describe, expect, it } from "vitest";
import { hasLetter, hasTwoLetters, startsLower } from "../../src/corpus/letters.ts";

/** Every BMP code point, and a few astral ones (a letter, a non-letter). */
const points = [...Array.from({ length: 0x10000 }, (_, c) => c), 0x1d44e, 0x1f600];
const samples = [
  "",
  " ",
  "1.",
  "Điều 5. Tổ chức thực hiện",
  "Ủy ban",
  "a",
  "ab",
  "1 × 2",
  "×÷",
  "α",
  "αβ",
  "中文",
  "đ-",
  "– 12 –",
  "𝑎",
  "𝑎𝑏",
  "😀a",
  "Ω 5",
];

describe("letter tests", () => {
  it("hasLetter answers as /\\p{L}/u for every code point and for mixed lines", () => {
    const re = /\p{L}/u;
    for (const c of points) {
      const s = String.fromCodePoint(c);
      expect(hasLetter(s), c.toString(16)).toBe(re.test(s));
      expect(hasLetter(`1 ${s}`), c.toString(16)).toBe(re.test(`1 ${s}`));
    }
    for (const s of samples) expect(hasLetter(s), s).toBe(re.test(s));
  });

  it("hasTwoLetters answers as /\\p{L}[^]*\\p{L}/u for pairs of code points and mixed lines", () => {
    const re = /\p{L}[^]*\p{L}/u;
    for (const c of points) {
      const s = `${String.fromCodePoint(c)}-a`;
      expect(hasTwoLetters(s), c.toString(16)).toBe(re.test(s));
      expect(hasTwoLetters(String.fromCodePoint(c)), c.toString(16)).toBe(re.test(String.fromCodePoint(c)));
    }
    for (const s of samples) expect(hasTwoLetters(s), s).toBe(re.test(s));
  });

  it("startsLower answers as /^\\p{Ll}/u for every code point", () => {
    const re = /^\p{Ll}/u;
    for (const c of points) {
      const s = `${String.fromCodePoint(c)}x`;
      expect(startsLower(s), c.toString(16)).toBe(re.test(s));
    }
    for (const s of samples) expect(startsLower(s), s).toBe(re.test(s));
  });
});

/**
 * Letter tests that answer from the first characters when they can: a Unicode property class (`\p{L}`) costs
 * several times a plain regex per call, and the parser asks about every line and passage. Only text whose answer
 * the known ranges below cannot give falls back to the class itself, so every answer is the regex's.
 */

const LETTER = /\p{L}/u;
const TWO_LETTERS = /\p{L}[^]*\p{L}/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** 1: a letter, 0: not a letter, -1: unknown here. ASCII, and the Latin blocks Vietnamese is written in. */
function letterKind(c: number): number {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  // Latin-1 letters (but × and ÷), Latin Extended-A and -B, Latin Extended Additional: all \p{L}.
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? -1 : 1;
  return c >= 0x1e00 && c <= 0x1eff ? 1 : -1;
}

/** As `/\p{L}/u.test(s)`. */
export function hasLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const kind = letterKind(s.charCodeAt(i));
    if (kind === 1) return true;
    if (kind === -1) return LETTER.test(s);
  }
  return false;
}

/** As `/\p{L}[^]*\p{L}/u.test(s)`: two letters anywhere. */
export function hasTwoLetters(s: string): boolean {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    const kind = letterKind(s.charCodeAt(i));
    if (kind === -1) return TWO_LETTERS.test(s);
    if (kind === 1 && ++seen === 2) return true;
  }
  return false;
}

/** As `/^\p{Ll}/u.test(s)`. */
export function startsLower(s: string): boolean {
  if (s.length === 0) return false;
  const c = s.charCodeAt(0);
  if (c < 0x80) return c >= 97 && c <= 122;
  return STARTS_LOWER.test(s);
}

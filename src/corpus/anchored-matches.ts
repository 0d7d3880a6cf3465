/**
 * Matches of a regex that opens on optional or many-alternative words, found from a word every match holds (its
 * anchor): a regex like that is tried at nearly every position of a text, an anchor's literal at few.
 */

/** White space as `\s` has it (the same set as String.prototype.trim), by code: no regex per character. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * What `t.matchAll` of `pattern` (with the "g" flag) gives, when every match starts at most `words` words (runs
 * without white space) before an occurrence of `anchor` inside it or at its start. `sticky` is the pattern with
 * the "y" flag instead of "g"; `anchor` has the "g" flag and no two of its occurrences overlap. For each anchor in
 * turn, the positions from `words` words before it up to it are tried, leftmost first: a match found there is the
 * leftmost one, since a match further left would lie in the window of an anchor before (windows only move right).
 */
export function* anchoredMatches(t: string, anchor: RegExp, sticky: RegExp, words: number): Generator<RegExpExecArray> {
  let from = 0;
  anchor.lastIndex = 0;
  for (let a = anchor.exec(t); a; a = anchor.exec(t)) {
    if (a.index < from) continue;
    for (let s = Math.max(from, wordsBack(t, a.index, words, from)); s <= a.index; s++) {
      sticky.lastIndex = s;
      const m = sticky.exec(t);
      if (!m) continue;
      from = s + m[0].length;
      yield m;
      break;
    }
    if (anchor.lastIndex < from) anchor.lastIndex = from;
  }
}

/** Start of the `count`-th word (run without white space) ending at or before `at`, never before `from`. */
function wordsBack(t: string, at: number, count: number, from: number): number {
  let k = at;
  for (let n = 0; n < count && k > from; n++) {
    while (k > from && isSpace(t.charCodeAt(k - 1))) k--;
    while (k > from && !isSpace(t.charCodeAt(k - 1))) k--;
  }
  return k;
}

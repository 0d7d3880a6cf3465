/**
 * Tolerance for one typo ("khẩu trag", "vacination"): a question word the corpus never uses, long enough that one
 * edit rarely turns one real word into another, is looked up among the corpus's words one edit away.
 */

/** Folded words shorter than this are never corrected: "an", "ban", "bon" are all real words. */
export const TYPO_MIN_LENGTH = 5;
/** Below this length a correction must also make one of the question's phrases ("khau trag" → "khau trang"). */
export const TYPO_FREE_LENGTH = 6;

/** Optimal string alignment distance, capped: true when `a` and `b` are at most one edit apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Words one edit away from a given word, by the symmetric-deletion method: every word and each of its one-letter
 * deletions point to the word, so a lookup costs a word's length in map reads.
 */
export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < TYPO_MIN_LENGTH - 1 || !/^[a-z]+$/.test(w)) continue;
      for (const key of [w, ...deletions(w)]) {
        const list = this.byDeletion.get(key);
        if (list) list.push(w);
        else this.byDeletion.set(key, [w]);
      }
    }
  }

  /** Known words one edit from `word` (not `word` itself), in no particular order. */
  near(word: string): string[] {
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const w of this.byDeletion.get(key) ?? []) if (w !== word && withinOneEdit(w, word)) found.add(w);
    }
    return [...found];
  }
}

/**
 * Vietnamese text normalisation for search: one canonical tone placement, lowercase, and a folded form
 * (marks removed, đ→d) that keeps a map back to the original offsets for highlighting.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Old-style spelling puts the tone of "oa", "oe", "uy" on the first vowel ("hòa", "ủy"), new-style on the
 * second ("hoà", "uỷ"); both are common. The canonical form here is the second.
 */
export function canonicalTone(text: string): string {
  const nfd = text.normalize("NFD");
  // In NFD a syllable "hoà" is h o ̀ a: move a tone mark sitting between o/u and a/e/y onto the following vowel.
  // Only o+a, o+e and u+y: in "của", "mùa" the tone belongs on the u in either style.
  const moved = nfd.replace(
    /([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\u0302\u0306\u031B])(?![\p{L}\u0300-\u036f]*?[\u0300\u0301\u0303\u0309\u0323])|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\u0300-\u036f]*?[\u0300\u0301\u0303\u0309\u0323])/gu,
    (_m, o?: string, t1?: string, a?: string, u?: string, t2?: string, y?: string) =>
      o ? `${o}${a}${t1}` : `${u}${y}${t2}`,
  );
  return moved.normalize("NFC");
}

export function isToneMark(ch: string): boolean {
  return TONE_MARKS.test(ch);
}

/** Lowercase, NFC, canonical tone placement: the form exact-diacritic matching compares. */
export function normalizeText(text: string): string {
  return canonicalTone(text.normalize("NFC").toLowerCase());
}

export interface FoldedText {
  /** Lowercase, no diacritics, đ → d. Same length in UTF-16 units as the NFC input for Vietnamese text. */
  folded: string;
  /** folded[i] came from original[map[i]]. */
  map: number[];
}

/** Folds diacritics character by character so every folded offset maps back to the original text. */
export function foldWithOffsets(original: string): FoldedText {
  let folded = "";
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    const base = foldChar(ch);
    for (let k = 0; k < base.length; k++) {
      folded += base[k];
      map.push(i);
    }
  }
  return { folded, map };
}

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  if (ch === "đ" || ch === "Đ") out = "d";
  else {
    const stripped = ch
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    out = stripped === "" ? ch : stripped;
  }
  foldCache.set(ch, out);
  return out;
}

/** Lowercase without diacritics, đ → d: what users who type without marks send. */
export function fold(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) out += foldChar(ch);
  return out;
}

export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.normalize("NFC").toLowerCase();
}

/**
 * A syllable ending in p, t, c or ch takes only the sắc or nặng tone ("việt", "hát", "học"): "vêt" or "hoc" in a
 * question typed with marks is a mark slipped or left out, not another word.
 */
export function hasImpossibleTone(syllable: string): boolean {
  const nfd = syllable.normalize("NFD").toLowerCase();
  return /[aeiouy\u0300-\u036f](?:p|t|c|ch)$/u.test(nfd) && !/[\u0301\u0323]/u.test(nfd);
}

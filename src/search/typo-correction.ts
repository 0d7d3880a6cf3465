import { idf, inCorpus, pairId, type IndexData } from "./index-data.ts";
import { fold } from "./normalize.ts";
import { TYPO_WEIGHT, type ParsedQuery } from "./parse-query.ts";
import { TYPO_FREE_LENGTH, TYPO_MIN_LENGTH, TypoIndex } from "./typo.ts";

/** The corpus word one edit from `word` that makes most of the question's phrases, or the commonest if long. */
function bestCorrection(data: IndexData, word: string, bigrams: string[]): { word: string; bigrams: string[] } | null {
  data.typos ??= new TypoIndex(data.encoder.foldWords((id) => inCorpus(data, id)));
  let best: { word: string; bigrams: string[]; rank: number } | null = null;
  for (const w of data.typos.near(word)) {
    const made = bigrams
      .map((b) => b.split("_").map((x) => (x === word ? w : x)))
      .filter(([x, y]) => (x === w || y === w) && pairId(data, x, y) !== undefined)
      .map(([x, y]) => `${x}_${y}`);
    if (made.length === 0 && word.length < TYPO_FREE_LENGTH) continue;
    // Rarer phrases made are more telling ("khau trang" over "tra noi"); then the commoner word.
    const phrases = made.reduce((n, b) => {
      const [x, y] = b.split("_");
      return n + idf(data, pairId(data, x, y));
    }, 0);
    const rank = phrases * 1e6 + (data.df[data.encoder.foldId(w)!] ?? 0);
    if (!best || rank > best.rank) best = { word: w, bigrams: made, rank };
  }
  return best;
}

/** A word of the question the corpus never uses may be a typo: its correction joins as a weaker alternative. */
export function correctTypos(data: IndexData, q: ParsedQuery): ParsedQuery {
  let changed = false;
  const bigrams = new Set(q.bigrams);
  const concepts = q.concepts.map((c) => {
    const alt = c.alternatives.length === 1 && c.alternatives[0]!.length === 1 ? c.alternatives[0]![0]! : null;
    const word = alt === null ? "" : fold(alt);
    if (word.length < TYPO_MIN_LENGTH || !/^[a-z]+$/.test(word) || data.encoder.foldId(word) !== undefined) return c;
    const fix = bestCorrection(data, word, q.bigrams);
    if (!fix) return c;
    changed = true;
    for (const b of fix.bigrams) bigrams.add(b);
    return { alternatives: [...c.alternatives, [fix.word]], weights: [1, TYPO_WEIGHT] };
  });
  return changed ? { ...q, concepts, bigrams: [...bigrams] } : q;
}

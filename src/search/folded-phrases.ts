import { inCorpus, pairId, type IndexData } from "./index-data.ts";
import { fold } from "./normalize.ts";
import { STOPWORDS_FOLDED, type ParsedQuery } from "./parse-query.ts";
import { tokenize } from "./tokenize.ts";

/** A folded pair used by at least this many passages is a phrase of the corpus, not a chance neighbourhood. */
const MIN_PHRASE_PASSAGES = 2;

/**
 * A function word that makes a phrase the corpus uses with its neighbour is part of a word: "việc làm", "nhà ở",
 * "đi lại"; and without marks a content syllable folds to a function word's spelling ("dang ky" is "đăng ký", not
 * "đang"; "vi pham", "su dung", "co quan"). Such a word is put back as a concept; where it is a true function word
 * it is common, so it weighs little.
 */
export function restoreFoldedPhrases(data: IndexData, q: ParsedQuery, raw = ""): ParsedQuery {
  if (q.lang !== "vi") return q;
  // With marks the word is put back as typed ("việc" of "việc làm").
  const typed = new Map(tokenize(raw).map((t) => [t.folded, data.lexicon.respell(t.exact)] as const));
  const have = new Set(q.concepts.flatMap((c) => c.alternatives.flat()).map((x) => (q.diacritics ? fold(x) : x)));
  const restored: string[] = [];
  for (const b of q.bigrams) {
    const [x, y] = b.split("_");
    const id = pairId(data, x, y);
    if (id === undefined || !inCorpus(data, id) || (data.df[id] ?? 0) < MIN_PHRASE_PASSAGES) continue;
    for (const s of [x!, y!]) {
      if (STOPWORDS_FOLDED.has(s) && !have.has(s)) {
        have.add(s);
        restored.push(q.diacritics ? (typed.get(s) ?? s) : s);
      }
    }
  }
  if (restored.length === 0) return q;
  return { ...q, concepts: [...q.concepts, ...restored.map((s) => ({ alternatives: [[s]] }))] };
}

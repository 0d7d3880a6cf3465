import { inCorpus, pairId, type IndexData } from "./index-data.ts";
import { STOPWORDS_FOLDED, type ParsedQuery } from "./parse-query.ts";

/** A folded pair used by at least this many passages is a phrase of the corpus, not a chance neighbourhood. */
const MIN_PHRASE_PASSAGES = 2;

/**
 * Without marks a content syllable can fold to a function word's spelling: "dang ky" is "đăng ký", not "đang",
 * "vi pham" is "vi phạm", "su dung" is "sử dụng", "co quan" is "cơ quan". A folded question's function word that
 * makes a phrase the corpus uses with its neighbour is put back as a concept; a true function word there is
 * common, so it weighs little.
 */
export function restoreFoldedPhrases(data: IndexData, q: ParsedQuery): ParsedQuery {
  if (q.diacritics || q.lang !== "vi") return q;
  const have = new Set(q.concepts.flatMap((c) => c.alternatives.flat()));
  const restored: string[] = [];
  for (const b of q.bigrams) {
    const [x, y] = b.split("_");
    const id = pairId(data, x, y);
    if (id === undefined || !inCorpus(data, id) || (data.df[id] ?? 0) < MIN_PHRASE_PASSAGES) continue;
    for (const s of [x!, y!]) {
      if (STOPWORDS_FOLDED.has(s) && !have.has(s)) {
        have.add(s);
        restored.push(s);
      }
    }
  }
  if (restored.length === 0) return q;
  return { ...q, concepts: [...q.concepts, ...restored.map((s) => ({ alternatives: [[s]] }))] };
}

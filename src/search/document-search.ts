import MiniSearch from "minisearch";
import { fold } from "./normalize.ts";

export type DocumentIndex = MiniSearch<{ id: string; meta: string }>;

/** The document index's term processing, at indexing and at search time. */
export const processDocumentTerm = (term: string): string | null => fold(term) || null;

/** One word's MiniSearch scores: the documents holding it, in the order they were added, and the score of each. */
interface WordScores {
  docs: Int32Array;
  scores: Float64Array;
}

export interface DocumentMatch {
  id: string;
  score: number;
}

/**
 * The best documents for a query by MiniSearch's own OR search, without its per-query cost: a long question is
 * dozens of words, and MiniSearch builds a result object for every document holding any of them. An OR search
 * scores a document as the sum, word by word in query order, of each word's score, times how many distinct words
 * it holds; a word's scores never change, since the index is not modified after the build. So each word's scores
 * are asked of MiniSearch once and remembered, and a query adds them up in MiniSearch's order, giving the same
 * numbers and, between equal scores, the same order (documents first matched earlier first).
 */
export class DocumentSearch {
  private readonly words = new Map<string, WordScores>();
  private readonly order: Map<string, number>;
  private readonly tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];
  private readonly sums: Float64Array;
  private readonly distinct: Int32Array;
  private readonly matched: Int32Array;

  /** `ids`: the documents' ids in the order they were added to `index`. */
  constructor(
    private readonly index: DocumentIndex,
    private readonly ids: readonly string[],
  ) {
    this.order = new Map(ids.map((id, k) => [id, k]));
    this.sums = new Float64Array(ids.length);
    this.distinct = new Int32Array(ids.length);
    this.matched = new Int32Array(ids.length);
  }

  /** The `k` best documents for `query`, as `index.search(query, { combineWith: "OR" }).slice(0, k)` ranks them. */
  search(query: string, k: number): DocumentMatch[] {
    const terms = this.tokenize(query)
      .map(processDocumentTerm)
      .filter((t): t is string => !!t);
    const { sums, distinct, matched } = this;
    let count = 0;
    const seen = new Set<string>();
    for (const term of terms) {
      const first = !seen.has(term);
      seen.add(term);
      const { docs, scores } = this.scoresOf(term);
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        if (distinct[d] === 0) matched[count++] = d;
        // A repeated word adds its score again but is one word (MiniSearch's "quality").
        sums[d] = distinct[d] === 0 ? scores[j]! : sums[d]! + scores[j]!;
        if (first) distinct[d]! += 1;
      }
    }
    const best = this.best(count, k);
    for (let m = 0; m < count; m++) {
      sums[matched[m]!] = 0;
      distinct[matched[m]!] = 0;
    }
    return best;
  }

  /** The `k` best of the `count` matched documents; between equal scores, the one matched first. */
  private best(count: number, k: number): DocumentMatch[] {
    const best: DocumentMatch[] = [];
    for (let m = 0; m < count; m++) {
      const d = this.matched[m]!;
      const score = this.sums[d]! * this.distinct[d]!;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      if (at >= k) continue;
      best.splice(at, 0, { id: this.ids[d]!, score });
      if (best.length > k) best.pop();
    }
    return best;
  }

  /** One processed word's scores, asked of MiniSearch the first time; its results in the order documents were added. */
  private scoresOf(term: string): WordScores {
    let word = this.words.get(term);
    if (!word) {
      const hits = this.index
        .search(term, { tokenize: (t) => [t], processTerm: (t) => t })
        .map((r) => ({ d: this.order.get(String(r.id))!, score: r.score }))
        .sort((a, b) => a.d - b.d);
      word = { docs: Int32Array.from(hits, (h) => h.d), scores: Float64Array.from(hits, (h) => h.score) };
      this.words.set(term, word);
    }
    return word;
  }
}

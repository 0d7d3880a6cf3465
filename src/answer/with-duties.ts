import { createBodyMatcher } from "../corpus/match-body.ts";
import type { Corpus } from "../corpus/types.ts";
import type { Lexicon } from "../search/glossary.ts";
import type { QueryOptions, SearchIndex, SearchResult } from "../search/types.ts";
import { assignmentHits, findAssignments, parseAssignmentQuestion } from "./assignments.ts";
import { reorderHits } from "./reorder-hits.ts";
import { validityHits } from "./validity.ts";

/** Ranked hits beyond the limit, so re-ordering can bring a replacing document's answer or a deadline up. */
const EXTRA = 5;

/**
 * The index every channel asks, with what directives are for on top of plain search: a body's assignments,
 * a document's validity, deadlines preferred for deadline questions, superseded answers below their replacement.
 */
export function withDuties(index: SearchIndex, corpus: Corpus, lexicon: Lexicon): SearchIndex {
  const matcher = createBodyMatcher(lexicon.abbreviations);
  const plain = (q: string, limit: number, options?: QueryOptions): SearchResult => index.query(q, limit, options);

  function query(raw: string, limit: number, options: QueryOptions = {}): SearchResult {
    if (!options.docId) {
      const asked = parseAssignmentQuestion(raw, lexicon);
      const assigned = asked ? findAssignments(asked.body, corpus, matcher) : [];
      if (asked && assigned.length)
        return { hits: assignmentHits(asked.body, assigned).slice(0, limit), intent: "who", lang: asked.lang };
      const named = validityHits(raw, corpus);
      if (named.length) return { hits: named.slice(0, limit), intent: "number", lang: plain(raw, 1).lang };
    }
    const result = plain(raw, limit + EXTRA, options);
    const hits = reorderHits(raw, result.hits, { namesDocument: result.intent === "number" }).slice(0, limit);
    return { ...result, hits };
  }

  // The wrapped index's reuse data goes along: the next build beside this one re-encodes only what changed.
  const reuse = index.reuse ? { reuse: index.reuse } : {};
  return { passageCount: index.passageCount, search: (raw, limit) => query(raw, limit).hits, query, ...reuse };
}

/** Every assignment of one body, for `/viec` (no limit: the channel pages them). */
export function assignmentsOf(body: string, corpus: Corpus, lexicon: Lexicon) {
  const matcher = createBodyMatcher(lexicon.abbreviations);
  return assignmentHits(body, findAssignments(body, corpus, matcher));
}

import { EMPTY, idf, inCorpus, itemTermsOf, pairId, wholeDocTermsOf, type IndexData } from "./index-data.ts";
import { definitionIndex } from "./definition.ts";
import { fold } from "./normalize.ts";
import type { ParsedQuery } from "./parse-query.ts";
import { accumulate, postingCount, topRows, touchedFor, type Touched } from "./postings.ts";
import type { Candidate } from "./rank.ts";
import { TermKind } from "./term-encoder.ts";

/** Candidates re-ranked per query; enough to hold every plausible answer, few enough to stay fast. */
const CANDIDATES = 100;
/**
 * Retrieval reads the postings of the question's rarest terms only, up to this many postings in all: common
 * syllables ("phòng", "quy định") cost most and decide nothing. The re-ranking still counts every term.
 */
const POSTINGS_BUDGET = 35_000;
/** Items whose heading matched, passed on to their passages: the best few are enough. */
const HEADING_ITEMS = 300;
const MIN_RETRIEVAL_TERMS = 4;
/** A term of the item's heading (an article's title) weighs this much, in retrieval, for each of its passages. */
const HEADING_WEIGHT = 0.8;
/** Passages of a document whose number or title the question names, added as candidates. */
const DOC_PASSAGES = 12;

/** One set of score arrays reused by every query: questions are answered one at a time on this thread. */
export interface Scratch {
  scores: Float64Array;
  itemScores: Float64Array;
  touched: Touched;
  touchedItems: Touched;
}

export function createScratch(data: IndexData): Scratch {
  const items = data.items.members.length;
  return {
    scores: new Float64Array(data.total),
    itemScores: new Float64Array(items),
    touched: touchedFor(data.total),
    touchedItems: touchedFor(items),
  };
}

function candidate(data: IndexData, index: number, bm25: number): Candidate {
  const passage = data.passages[index]!;
  const item = data.items.ofPassage[index]!;
  return {
    index,
    passage,
    bm25,
    terms: data.passageTerms[index]!,
    docTerms: data.docTerms.get(passage.docId) ?? EMPTY,
    itemTerms: itemTermsOf(data, item),
    headingBigrams: data.items.headingBigrams[item]!,
    wholeDocTerms: wholeDocTermsOf(data, passage.docId),
  };
}

/** The ids of the question's folded words and pairs that this corpus uses, rarest first. */
function termsByRarity(data: IndexData, q: ParsedQuery): number[] {
  const { encoder, df } = data;
  const ids = new Set<number>();
  for (const c of q.concepts)
    for (const alt of c.alternatives)
      for (const s of alt) {
        const id = encoder.foldId(fold(s));
        if (id !== undefined) ids.add(id);
      }
  for (const b of q.bigrams) {
    const [x, y] = b.split("_");
    const id = pairId(data, x, y);
    if (id !== undefined) ids.add(id);
  }
  return [...ids].filter((id) => inCorpus(data, id)).sort((a, b) => df[a]! - df[b]!);
}

/** BM25 of passages and of item headings, over the rarest terms within the postings budget. */
function accumulateScores(data: IndexData, s: Scratch, byRarity: number[]): void {
  const { postings, headingPostings, encoder } = data;
  s.touched.count = 0;
  s.touchedItems.count = 0;
  let budget = POSTINGS_BUDGET;
  byRarity.forEach((id, k) => {
    const cost = postingCount(postings, id) + postingCount(headingPostings, id);
    if (k >= MIN_RETRIEVAL_TERMS && cost > budget) return;
    budget -= cost;
    const weight = idf(data, id) * (encoder.kind[id] === TermKind.Bigram ? 1.5 : 1);
    accumulate(postings, id, weight, s.scores, s.touched);
    accumulate(headingPostings, id, weight * HEADING_WEIGHT, s.itemScores, s.touchedItems);
  });
}

/** The best items' heading scores, passed on to each of their passages; item scores are cleared for the next query. */
function spreadHeadingScores(data: IndexData, s: Scratch): void {
  const { scores, itemScores, touched, touchedItems } = s;
  for (const item of topRows(itemScores, touchedItems, HEADING_ITEMS)) {
    for (const m of data.items.members[item]!) {
      if (scores[m] === 0) touched.rows[touched.count++] = m;
      scores[m]! += itemScores[item]!;
    }
  }
  for (let t = 0; t < touchedItems.count; t++) itemScores[touchedItems.rows[t]!] = 0;
}

/** A question naming a document ("Công văn 146", "Luật Cư trú") also looks inside that document. */
function namedDocumentCandidates(data: IndexData, q: ParsedQuery, seen: Set<number>, out: Candidate[]): void {
  const docs = data.docIndex
    .search(q.concepts.flatMap((c) => c.alternatives[0] ?? []).join(" "), { combineWith: "OR" })
    .slice(0, 3);
  for (const d of docs) {
    const doc = data.corpus.documents.get(String(d.id));
    if (!doc || d.score < (docs[0]?.score ?? 0) * 0.8) continue;
    for (const p of doc.passages.slice(0, DOC_PASSAGES)) {
      const index = data.passageIndex.get(p.id);
      if (index !== undefined && !seen.has(index)) {
        seen.add(index);
        out.push(candidate(data, index, 0));
      }
    }
  }
}

/** Per index, the passages that define each term: built on the first question asking what a term means. */
const definitions = new WeakMap<IndexData, Map<string, number[]>>();

/** "Cư trú là gì?": the clauses defining the term are candidates, however common its words are. */
function definitionCandidates(data: IndexData, q: ParsedQuery, s: Scratch, seen: Set<number>, out: Candidate[]): void {
  if (!q.defined) return;
  let index = definitions.get(data);
  if (!index) {
    index = definitionIndex(data.passages);
    definitions.set(data, index);
  }
  for (const term of q.defined)
    for (const i of (index.get(term) ?? []).slice(0, DOC_PASSAGES)) {
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(candidate(data, i, s.scores[i]!));
    }
}

/**
 * Passages by BM25 over the question's rarest terms (their own words, and their item's heading), then passages of
 * a document the question names.
 */
export function retrieve(data: IndexData, s: Scratch, q: ParsedQuery): Candidate[] {
  accumulateScores(data, s, termsByRarity(data, q));
  spreadHeadingScores(data, s);
  const { scores, touched } = s;
  const best = topRows(scores, touched, CANDIDATES);
  const out = best.map((i) => candidate(data, i, scores[i]!));
  const seen = new Set(best);
  definitionCandidates(data, q, s, seen, out);
  for (let t = 0; t < touched.count; t++) scores[touched.rows[t]!] = 0;
  namedDocumentCandidates(data, q, seen, out);
  return out;
}

/** Candidates from one document only: what retrieval found there, then the rest of its passages. */
export function withinDocument(data: IndexData, found: Candidate[], docId: string): Candidate[] {
  const doc = data.corpus.documents.get(docId);
  if (!doc) return [];
  const out = found.filter((c) => c.passage.docId === docId);
  const seen = new Set(out.map((c) => c.index));
  for (const p of doc.passages) {
    const index = data.passageIndex.get(p.id);
    if (index !== undefined && !seen.has(index)) out.push(candidate(data, index, 0));
  }
  return out;
}

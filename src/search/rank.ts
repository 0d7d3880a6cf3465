import type { Passage } from "../corpus/types.ts";
import { fold } from "./normalize.ts";
import type { ParsedQuery } from "./parse-query.ts";

export interface Candidate {
  index: number;
  passage: Passage;
  bm25: number;
  /** Sorted term ids of the passage (text, actor, heading). */
  terms: Int32Array;
  /** Sorted term ids of its document's title, number, type and issuer. */
  docTerms: Int32Array;
  /** Sorted term ids of the whole item (article, numbered item) it belongs to; empty when it stands alone. */
  itemTerms: Int32Array;
  /** Sorted bigram ids of the item's heading ("Mục tiêu của giáo dục nghề nghiệp"). */
  headingBigrams: Int32Array;
}

export interface Ranked {
  passage: Passage;
  score: number;
  coverage: number;
  terms: string[];
  merged: Passage[];
}

export interface RankContext {
  foldId(folded: string): number | undefined;
  exactId(exact: string): number | undefined;
  /** Id of the pair of two folded syllables. */
  bigramId(a: string, b: string): number | undefined;
  idf(id: number | undefined): number;
  hasTerm(set: Int32Array, id: number | undefined): boolean;
}

/**
 * Weights of the final score. Coverage (how much of the question's content, weighted by rarity, the passage
 * holds) dominates; bigrams reward the question's phrases; BM25 breaks ties between equally covering passages.
 */
export const WEIGHTS = { coverage: 0.55, bigram: 0.2, bm25: 0.25, actorNamed: 0.06, actorMatch: 0.1, fromItem: 0.9, headingPhrase: 0.25 };
/** Below this coverage the best passage does not answer the question: answers are []. Tuned in bench/eval.ts. */
export const RANK_OPTIONS = { minCoverage: 0.5, sureCoverage: 0.85 };

/**
 * The no-answer rule. Scattered single words ("mua", "xe", "góp"; "nơi" and "nhận" of "Nơi nhận") reach high
 * coverage of an off-topic question; a real answer also shares one of the question's phrases, unless the question
 * is long and the passage covers nearly all of it in other words.
 */
function answers(top: { coverage: number; bigram: number }, q: ParsedQuery): boolean {
  if (top.coverage <= RANK_OPTIONS.minCoverage) return false;
  return top.bigram > 0 || q.bigrams.length === 0 || (q.concepts.length >= 4 && top.coverage >= RANK_OPTIONS.sureCoverage);
}
/** In a question typed with marks, a syllable found only without them ("ảnh" for "anh") counts this much. */
const FOLDED_ONLY = 0.6;
/** Metadata of the document (title, number, issuer) answers for every passage, a little less than the passage. */
const FROM_DOCUMENT = 0.75;

/** The part of a section label that names the item an answer cites: "Điều 32, khoản 2" → "Điều 32". */
export function itemOf(section: string | null): string | null {
  if (!section) return null;
  return section.replace(/,\s*(khoản|điểm).*$/u, "");
}

export function rankCandidates(candidates: Candidate[], q: ParsedQuery, ctx: RankContext): Ranked[] {
  if (candidates.length === 0) return [];
  const maxBm25 = Math.max(...candidates.map((c) => c.bm25));
  const bigramIds = q.bigrams.map((b) => {
    const [x, y] = b.split("_");
    return ctx.bigramId(x ?? "", y ?? "");
  });
  const questionBigrams = new Set(bigramIds.filter((id): id is number => id !== undefined));
  const known = (c: ParsedQuery["concepts"][number]) => c.alternatives.some((alt) => alt.some((syl) => ctx.foldId(fold(syl)) !== undefined));
  const knownWeights = q.concepts.filter(known).map((c) => Math.max(...c.alternatives.map((alt) => alt.reduce((s, syl) => s + ctx.idf(ctx.foldId(fold(syl))), 0) / Math.max(1, alt.length))));
  // A word the corpus never uses would weigh as the rarest of all; it counts as much as a typical known concept.
  const typical = knownWeights.length ? knownWeights.reduce((a, b) => a + b, 0) / knownWeights.length : 1;
  let k = 0;
  const conceptWeights = q.concepts.map((c) => (known(c) ? knownWeights[k++]! : typical));
  const totalWeight = conceptWeights.reduce((a, b) => a + b, 0) || 1;

  // Every distinct syllable of the question, looked up once per query rather than once per candidate.
  const syllables = new Map<string, { folded: string; fid: number | undefined; eid: number | undefined; idf: number; slot: number }>();
  for (const concept of q.concepts) {
    for (const alt of concept.alternatives) {
      for (const syl of alt) {
        if (syllables.has(syl)) continue;
        const folded = fold(syl);
        const fid = ctx.foldId(folded);
        syllables.set(syl, { folded, fid, eid: ctx.exactId(syl), idf: ctx.idf(fid), slot: syllables.size });
      }
    }
  }
  const concepts = q.concepts.map((c) => c.alternatives.map((alt) => alt.map((syl) => syllables.get(syl)!)));
  const actorFolds = new Map<string, string>();
  const presenceBySlot = new Float64Array(syllables.size);

  const scored = candidates.map((c) => {
    const found = new Set<string>();
    let own = 0;
    for (const syl of syllables.values()) {
      let p = 0;
      if (ctx.hasTerm(c.terms, syl.fid)) {
        p = q.diacritics && !ctx.hasTerm(c.terms, syl.eid) ? FOLDED_ONLY : 1;
        own += syl.idf * p;
      } else if (ctx.hasTerm(c.itemTerms, syl.fid)) p = WEIGHTS.fromItem * (q.diacritics && !ctx.hasTerm(c.itemTerms, syl.eid) ? FOLDED_ONLY : 1);
      else if (ctx.hasTerm(c.docTerms, syl.fid)) p = FROM_DOCUMENT * (q.diacritics && !ctx.hasTerm(c.docTerms, syl.eid) ? FOLDED_ONLY : 1);
      if (p > 0) found.add(syl.folded);
      presenceBySlot[syl.slot] = p;
    }
    let covered = 0;
    concepts.forEach((alternatives, k) => {
      let best = 0;
      for (const alt of alternatives) {
        let sum = 0;
        for (const syl of alt) sum += presenceBySlot[syl.slot]!;
        best = Math.max(best, sum / Math.max(1, alt.length));
      }
      covered += conceptWeights[k]! * best;
    });
    const coverage = covered / totalWeight;
    // The rest of the passage's item (the article's title, its other clauses) is context the citation carries.
    const bigram = bigramIds.length
      ? bigramIds.reduce<number>((n, id) => n + (ctx.hasTerm(c.terms, id) ? 1 : ctx.hasTerm(c.itemTerms, id) ? WEIGHTS.fromItem : 0), 0) / bigramIds.length
      : 0;
    let score = WEIGHTS.coverage * coverage + WEIGHTS.bigram * bigram + WEIGHTS.bm25 * (c.bm25 / maxBm25);
    // A question that quotes an item's heading ("Mục tiêu của giáo dục nghề nghiệp là gì?") asks for that item.
    if (c.headingBigrams.length) {
      const quoted = c.headingBigrams.reduce((n, id) => n + (questionBigrams.has(id) ? 1 : 0), 0) / c.headingBigrams.length;
      score += WEIGHTS.headingPhrase * quoted * quoted;
    }
    if (q.intent === "who" && c.passage.actor) score += WEIGHTS.actorNamed;
    if (c.passage.actor) {
      let actor = actorFolds.get(c.passage.actor);
      if (actor === undefined) {
        actor = fold(c.passage.actor);
        actorFolds.set(c.passage.actor, actor);
      }
      const folded = actor;
      const named = concepts.filter((alternatives) => alternatives.some((alt) => alt.every((syl) => folded.includes(syl.folded)))).length;
      if (named) score += WEIGHTS.actorMatch * Math.min(1, named / Math.max(1, q.concepts.length / 2));
    }
    return { c, score, coverage, own, bigram, terms: [...found] };
  });
  scored.sort((a, b) => b.score - a.score);
  if (!answers(scored[0]!, q)) return [];

  // One answer per item: bullets and paragraphs of one numbered item, clauses of one article. The item ranks by
  // its best member; it cites the member that says the most of the question in its own words.
  const byItem = new Map<string, (typeof scored)[number][]>();
  for (const s of scored) {
    if (s.coverage < RANK_OPTIONS.minCoverage * 0.6) continue;
    const item = itemOf(s.c.passage.section);
    const key = item ? `${s.c.passage.docId}|${item}` : s.c.passage.id;
    const group = byItem.get(key);
    if (group) group.push(s);
    else byItem.set(key, [s]);
  }
  return [...byItem.values()].map((group) => {
    const primary = group.reduce((best, s) => (s.own > best.own + 1e-9 ? s : best), group[0]!);
    return {
      passage: primary.c.passage,
      score: group[0]!.score,
      coverage: group[0]!.coverage,
      terms: [...new Set(group.flatMap((s) => s.terms))],
      merged: group.filter((s) => s !== primary).map((s) => s.c.passage),
    };
  });
}

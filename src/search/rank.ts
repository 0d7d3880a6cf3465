import type { Passage } from "../corpus/types.ts";
import { termDefinedBy } from "./definition.ts";
import { groupAnswers } from "./group-answers.ts";
import { answersAtAll } from "./no-answer.ts";
import { fold, hasImpossibleTone } from "./normalize.ts";
import type { ParsedQuery } from "./parse-query.ts";
import {
  ABSENT,
  closeProbe,
  holds,
  openProbe,
  positionOf,
  probeSet,
  type ProbeMarks,
  type TermProbe,
} from "./term-probe.ts";
import { isAppendixLine } from "./sections.ts";
import { isDocumentNumber } from "./tokenize.ts";

// The no-answer rule's thresholds and the section helpers are read by the eval, tests and other layers from here.
export { RANK_OPTIONS, SMALL_CORPUS_OPTIONS, thresholdsFor } from "./no-answer.ts";
export { overlap } from "./group-answers.ts";
export { isAppendixLine, itemOf } from "./sections.ts";

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
  /** Sorted term ids of the whole document (every passage and its metadata): what the document is about. */
  wholeDocTerms: Int32Array;
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
  /** How many passages the corpus has: the no-answer rule asks for more evidence of a larger corpus. */
  passages: number;
  /** The index's scratch marks for probing candidates' term sets (term-probe.ts). */
  marks: ProbeMarks;
}

/**
 * Weights of the final score. Coverage (how much of the question's content, weighted by rarity, the passage
 * holds) dominates; bigrams reward the question's phrases; BM25 breaks ties between equally covering passages.
 */
export const WEIGHTS = {
  coverage: 0.55,
  bigram: 0.2,
  bm25: 0.25,
  actorNamed: 0.06,
  actorMatch: 0.1,
  fromItem: 0.9,
  /**
   * A quoted heading (quotedShare, squared). 0.35 with the two-way share, chosen on ALQAC's tuning half (R@1 0.84 →
   * 0.865; 0.3 gives 0.86, 0.5 no more); the own set's tuning half loses one question from 0.3 up.
   */
  headingPhrase: 0.35,
  document: 0.15,
  /**
   * A word said only in a long question's story, before the sentence that asks, counts this much of its rarity. The
   * tuning halves hold too few scenario questions to choose it (their figures are the same from 1 down to 0.3);
   * 0.4 lets the asked concept win over a retold story (tests/search/long-questions.test.ts).
   */
  story: 0.4,
  /**
   * A request verb the question opens with ("Kêu gọi …"), this much of its rarity: the story weight, not tuned on its
   * own (the tuning halves hold two such questions).
   */
  framing: 0.4,
  /** Taken off a form's or table's passage (appendix lines) when the question does not ask for a form or list. */
  appendix: 0.2,
  /** Added to the clause that defines the term a question asks about ("Cư trú là gì?" → "Cư trú là việc …"). */
  definition: 0.3,
  /**
   * Added to a passage of a document the question names by title or by its local issuer's place ("Luật Cư trú",
   * "Yên Thế"). 0.1 on the own set's tuning half over seeds + gazette (hit@3 0.84 → 0.85; 0.2 the same there and
   * worse at hit@1 on the held-out half); ALQAC's halves are the same from 0 to 0.2.
   */
  namedDocument: 0.1,
};

/** In a question typed with marks, a syllable found only without them ("ảnh" for "anh") counts this much. */
const FOLDED_ONLY = 0.6;
/** A syllable found, but in none of the question's phrases it belongs to, counts this much. */
const OUT_OF_PHRASE = 0.75;
/** Metadata of the document (title, number, issuer) answers for every passage, a little less than the passage. */
const FROM_DOCUMENT = 0.75;

/** Phrases that ask for a form, an appendix or a list. */
const FORM_PHRASES = new Set(["phu_luc", "danh_muc", "bieu_mau", "to_khai", "mau_don"]);
/** One distinct syllable of the question, looked up once per query rather than once per candidate. */
export interface QuestionSyllable {
  folded: string;
  fid: number | undefined;
  eid: number | undefined;
  idf: number;
  /** Its position in the per-candidate presence array (and, below 31, its bit in the `found` mask). */
  slot: number;
  number: boolean;
  /** Its marks cannot be Vietnamese ("truy vêt"): a slip of the keyboard, so a folded match is as good as any. */
  markSlip: boolean;
  /** Ids of the question's phrases holding this syllable ("dịch" of "phòng dịch" is not the "dịch" of "dịch vụ"). */
  pairs: (number | undefined)[];
  /** Positions in the question's probe of `fid`, `eid` and `pairs` (see term-probe.ts). */
  fidAt: number;
  eidAt: number;
  pairsAt: number[];
}

/** What one query needs to score every candidate, prepared once. */
export interface Question {
  q: ParsedQuery;
  syllables: QuestionSyllable[];
  /** Per concept, its alternatives as syllables. */
  concepts: QuestionSyllable[][][];
  conceptWeights: number[];
  totalWeight: number;
  bigramIds: (number | undefined)[];
  /** Rarity (idf) of each of the question's phrases; 0 for one the corpus never uses. */
  bigramWeights: number[];
  bigramTotal: number;
  questionBigrams: Set<number>;
  /** Share of the question (concepts and phrases) each document holds anywhere, by docId. */
  documentShare: Map<string, number>;
  maxBm25: number;
  /** How many of the question's concepts an actor names. */
  namedIn(actor: string): number;
  /** Scratch space: the presence (0–1) of each syllable in the candidate being scored. */
  presence: Float64Array;
  /** The question asks for a form, an appendix or a list ("mẫu", "phụ lục", "danh mục"). */
  asksForm: boolean;
  /** Every id scoring asks a candidate about, and the probe position of each of `bigramIds`. */
  probe: TermProbe;
  bigramAt: number[];
  /**
   * Probe results of item and document term sets, and the quoted share of item headings, by set: a query's
   * candidates share few items and documents.
   */
  heldBy: Map<Int32Array, Uint8Array>;
  quotedBy: Map<Int32Array, number>;
  /** Documents the question names by title. */
  namedDocuments: ReadonlySet<string>;
  /** Documents whose local issuer's place the question names: preferred in ranking only. */
  placedDocuments: ReadonlySet<string>;
}

export interface Scored {
  c: Candidate;
  score: number;
  coverage: number;
  /** How much of the question the passage says in its own words (not its item's or document's). */
  own: number;
  bigram: number;
  namesNumber: boolean;
  /** Bit mask of the question's syllables the candidate holds. */
  found: number;
}

export function rankCandidates(
  candidates: Candidate[],
  q: ParsedQuery,
  ctx: RankContext,
  namedDocuments: ReadonlySet<string> = new Set(),
  placedDocuments: ReadonlySet<string> = new Set(),
): Ranked[] {
  if (candidates.length === 0) return [];
  const question = prepareQuestion(candidates, q, ctx, namedDocuments, placedDocuments);
  let scored: Scored[];
  try {
    scored = candidates.map((c) => scoreCandidate(c, question, ctx));
  } finally {
    closeProbe(question.probe);
  }
  scored.sort((a, b) => b.score - a.score);
  if (!answersAtAll(scored, question, ctx)) return [];
  const grouped = groupAnswers(scored, question.syllables);
  const floor = (grouped[0]?.score ?? 0) * MIN_SHARE_OF_TOP;
  return grouped.filter((r) => r.score >= floor);
}

/**
 * An answer scoring under this share of the best one is not offered: it shares a word or two with the question by
 * chance ("quan net co duoc mo cua khong" → passages sharing only "mở"). At 0.5 the seed questions of the own set
 * lose 136 such answers of 480 and 2 gold ones of 314 (at ranks 4–5); hit@3 of both own-set halves, ALQAC's R@5 and
 * the dev set are unchanged (0.6 loses gold answers at rank 3 on the tuning halves).
 */
const MIN_SHARE_OF_TOP = 0.5;

function prepareQuestion(
  candidates: Candidate[],
  q: ParsedQuery,
  ctx: RankContext,
  namedDocuments: ReadonlySet<string>,
  placedDocuments: ReadonlySet<string>,
): Question {
  const pairsOf = q.bigrams.map((b) => b.split("_"));
  const bigramIds = pairsOf.map(([x, y]) => ctx.bigramId(x ?? "", y ?? ""));
  const syllables = new Map<string, QuestionSyllable>();
  for (const concept of q.concepts) {
    for (const alt of concept.alternatives) {
      for (const syl of alt) {
        const number = isDocumentNumber(syl) || (concept.number ?? false);
        if (syllables.has(syl)) continue;
        const folded = fold(syl);
        const fid = ctx.foldId(folded);
        const slot = syllables.size;
        const pairs = pairsOf.flatMap((xy, k) => (xy.includes(folded) ? [bigramIds[k]] : []));
        const eid = ctx.exactId(syl);
        const at = { fidAt: ABSENT, eidAt: ABSENT, pairsAt: [] };
        const markSlip = hasImpossibleTone(syl);
        syllables.set(syl, { folded, fid, eid, idf: ctx.idf(fid), slot, number, markSlip, pairs, ...at });
      }
    }
  }
  const concepts = q.concepts.map((c) => c.alternatives.map((alt) => alt.map((syl) => syllables.get(syl)!)));
  const conceptWeights = weighConcepts(q, ctx);
  const bigramWeights = bigramIds.map((id) => (id === undefined ? 0 : ctx.idf(id)));
  return {
    q,
    syllables: [...syllables.values()],
    concepts,
    conceptWeights,
    totalWeight: conceptWeights.reduce((a, b) => a + b, 0) || 1,
    bigramIds,
    bigramWeights,
    bigramTotal: bigramWeights.reduce((a, b) => a + b, 0),
    documentShare: new Map(),
    questionBigrams: new Set(bigramIds.filter((id): id is number => id !== undefined)),
    maxBm25: Math.max(...candidates.map((c) => c.bm25)),
    namedIn: actorNamer(concepts),
    presence: new Float64Array(syllables.size),
    asksForm: q.bigrams.some((b) => FORM_PHRASES.has(b)) || [...syllables.values()].some((s) => s.folded === "mau"),
    ...probeQuestion(ctx.marks, [...syllables.values()], bigramIds),
    heldBy: new Map(),
    quotedBy: new Map(),
    namedDocuments,
    placedDocuments,
  };
}

/** The question's probe; fills in each syllable's positions in it. */
function probeQuestion(marks: ProbeMarks, syllables: QuestionSyllable[], bigramIds: (number | undefined)[]) {
  const probe = openProbe(marks, [...syllables.flatMap((s) => [s.fid, s.eid, ...s.pairs]), ...bigramIds]);
  for (const syl of syllables) {
    syl.fidAt = positionOf(probe, syl.fid);
    syl.eidAt = positionOf(probe, syl.eid);
    syl.pairsAt = syl.pairs.map((id) => positionOf(probe, id));
  }
  return { probe, bigramAt: bigramIds.map((id) => positionOf(probe, id)) };
}

/** Which of the question's ids an item's or a document's term set holds, probed once per query. */
function heldIn(question: Question, set: Int32Array): Uint8Array {
  let hits = question.heldBy.get(set);
  if (!hits) {
    hits = probeSet(question.probe, set);
    question.heldBy.set(set, hits);
  }
  return hits;
}

/** Each concept's weight: the rarity (idf) of its best wording. */
function weighConcepts(q: ParsedQuery, ctx: RankContext): number[] {
  const known = (c: ParsedQuery["concepts"][number]) =>
    c.alternatives.some((alt) => alt.some((syl) => ctx.foldId(fold(syl)) !== undefined));
  const rarity = (alt: string[]) =>
    alt.reduce((s, syl) => s + ctx.idf(ctx.foldId(fold(syl))), 0) / Math.max(1, alt.length);
  // A wording with synonyms weighs as the words typed; other concepts as their rarest wording (an English term's).
  const knownWeights = q.concepts
    .filter(known)
    .map((c) => (c.scale ? rarity(c.alternatives[0]!) : Math.max(...c.alternatives.map(rarity))));
  // A word the corpus never uses would weigh as the rarest of all; it counts as much as a typical known concept.
  const typical = knownWeights.length ? knownWeights.reduce((a, b) => a + b, 0) / knownWeights.length : 1;
  let k = 0;
  return q.concepts.map(
    (c) =>
      (known(c) ? knownWeights[k++]! : typical) *
      (c.story ? WEIGHTS.story : 1) *
      (c.framing ? WEIGHTS.framing : 1) *
      (c.scale ?? 1),
  );
}

/** How many of the question's concepts an actor names, remembered per distinct actor: items share their actor. */
function actorNamer(concepts: QuestionSyllable[][][]): (actor: string) => number {
  const actorNames = new Map<string, number>();
  return (actor) => {
    let named = actorNames.get(actor);
    if (named === undefined) {
      const folded = fold(actor);
      named = concepts.filter((alts) => alts.some((alt) => alt.every((syl) => folded.includes(syl.folded)))).length;
      actorNames.set(actor, named);
    }
    return named;
  };
}

/** Coverage, shared phrases, BM25, a quoted heading and a named actor, weighed into one score. */
function scoreCandidate(c: Candidate, question: Question, ctx: RankContext): Scored {
  const { q, bigramAt, maxBm25 } = question;
  const sets: CandidateHits = { terms: probeSet(question.probe, c.terms), item: heldIn(question, c.itemTerms) };
  const { found, own, namesNumber } = markPresence(c, sets, question);
  const coverage = coverageOf(question);
  // The rest of the passage's item (the article's title, its other clauses) is context the citation carries.
  let held = 0;
  for (const at of bigramAt) held += holds(sets.terms, at) ? 1 : holds(sets.item, at) ? WEIGHTS.fromItem : 0;
  const bigram = bigramAt.length ? held / bigramAt.length : 0;
  const bm25 = maxBm25 > 0 ? c.bm25 / maxBm25 : 0;
  let score = WEIGHTS.coverage * coverage + WEIGHTS.bigram * bigram + WEIGHTS.bm25 * bm25;
  if (c.wholeDocTerms.length) score += WEIGHTS.document * aboutDocument(c, question);
  // A question that quotes an item's heading ("Mục tiêu của giáo dục nghề nghiệp là gì?") asks for that item.
  if (c.headingBigrams.length) {
    const quoted = quotedShare(c.headingBigrams, question);
    score += WEIGHTS.headingPhrase * quoted * quoted;
  }
  if (!question.asksForm && isAppendixLine(c.passage.section)) score -= WEIGHTS.appendix;
  if (q.defined?.includes(termDefinedBy(c.passage.text) ?? "")) score += WEIGHTS.definition;
  const { docId } = c.passage;
  if (question.namedDocuments.has(docId) || question.placedDocuments.has(docId)) score += WEIGHTS.namedDocument;
  if (q.intent === "who" && c.passage.actor) score += WEIGHTS.actorNamed;
  if (c.passage.actor) {
    const named = question.namedIn(c.passage.actor);
    if (named) score += WEIGHTS.actorMatch * Math.min(1, named / Math.max(1, q.concepts.length / 2));
  }
  return { c, score, coverage, own, bigram, namesNumber, found };
}

/**
 * How much the question quotes an item's heading: the smaller of the heading's phrases it holds and its own phrases
 * the heading holds, once per heading and query (an item's passages share it).
 */
export function quotedShare(
  headingBigrams: Int32Array,
  question: Pick<Question, "questionBigrams" | "quotedBy">,
): number {
  let quoted = question.quotedBy.get(headingBigrams);
  if (quoted === undefined) {
    const shared = headingBigrams.reduce((n, id) => n + (question.questionBigrams.has(id) ? 1 : 0), 0);
    // Both ways: a short heading ("Giáo dục thường xuyên") inside a longer question is not that question quoted.
    quoted = Math.min(shared / headingBigrams.length, shared / Math.max(1, question.questionBigrams.size));
    question.quotedBy.set(headingBigrams, quoted);
  }
  return quoted;
}

/** The probe results of a candidate's own terms and of its item's. */
interface CandidateHits {
  terms: Uint8Array;
  item: Uint8Array;
}

/**
 * How much of the question the candidate's whole document holds, words and phrases, weighted by rarity: a passage
 * of a document about the question's subject beats one that shares its words by chance ("dịch vụ" for "dịch").
 */
function aboutDocument(c: Candidate, question: Question): number {
  let share = question.documentShare.get(c.passage.docId);
  if (share === undefined) {
    let held = 0;
    const hits = probeSet(question.probe, c.wholeDocTerms);
    question.concepts.forEach((alternatives, k) => {
      if (alternatives.some((alt) => alt.every((syl) => holds(hits, syl.fidAt)))) held += question.conceptWeights[k]!;
    });
    question.bigramAt.forEach((at, k) => {
      if (holds(hits, at)) held += question.bigramWeights[k]!;
    });
    share = held / (question.totalWeight + question.bigramTotal);
    question.documentShare.set(c.passage.docId, share);
  }
  return share;
}

/** Fills `question.presence` for one candidate: 1 in the passage, less from its item or document, less folded. */
function markPresence(c: Candidate, sets: CandidateHits, question: Question) {
  const { q, presence } = question;
  let found = 0;
  let own = 0;
  let namesNumber = false;
  for (const syl of question.syllables) {
    let p = 0;
    if (holds(sets.terms, syl.fidAt)) {
      p = marked(sets.terms, syl, q.diacritics);
      own += syl.idf * p;
    } else if (holds(sets.item, syl.fidAt)) p = WEIGHTS.fromItem * marked(sets.item, syl, q.diacritics);
    else if (syl.fidAt !== ABSENT) {
      const doc = heldIn(question, c.docTerms);
      if (holds(doc, syl.fidAt)) p = FROM_DOCUMENT * marked(doc, syl, q.diacritics);
    }
    if (p > 0 && syl.pairs.length && !inPhrase(sets, syl.pairsAt)) p *= OUT_OF_PHRASE;
    // Up to 31 syllables fit a bit mask; longer questions highlight the first 31.
    if (p > 0 && syl.slot < 31) found |= 1 << syl.slot;
    presence[syl.slot] = p;
    if (p > 0 && syl.number) namesNumber = true;
  }
  // The question's phrases in the passage's own words count towards which member of an item is cited.
  const { bigramAt, bigramWeights } = question;
  for (let k = 0; k < bigramAt.length; k++) if (holds(sets.terms, bigramAt[k]!)) own += bigramWeights[k]!;
  return { found, own, namesNumber };
}

/** A syllable found only folded in a question typed with marks counts less, unless its marks are a slip. */
function marked(hits: Uint8Array, syl: QuestionSyllable, diacritics: boolean): number {
  return diacritics && !syl.markSlip && !holds(hits, syl.eidAt) ? FOLDED_ONLY : 1;
}

/** Does the passage or its item hold one of the question's phrases this syllable belongs to? */
function inPhrase(sets: CandidateHits, pairsAt: readonly number[]): boolean {
  for (const at of pairsAt) if (holds(sets.terms, at) || holds(sets.item, at)) return true;
  return false;
}

/** Share of the question's content, weighted by rarity, that the marked presence covers (best wording per concept). */
function coverageOf(question: Question): number {
  const { concepts, presence, conceptWeights } = question;
  let covered = 0;
  for (let k = 0; k < concepts.length; k++) {
    const alternatives = concepts[k]!;
    // A typo's correction counts less than the word as typed (`weights`).
    const weights = question.q.concepts[k]!.weights;
    let best = 0;
    for (let a = 0; a < alternatives.length; a++) {
      const alt = alternatives[a]!;
      let sum = 0;
      for (const syl of alt) sum += presence[syl.slot]!;
      best = Math.max(best, (sum / Math.max(1, alt.length)) * (weights?.[a] ?? 1));
    }
    covered += conceptWeights[k]! * best;
  }
  return covered / question.totalWeight;
}

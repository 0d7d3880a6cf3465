import { fold } from "./normalize.ts";
import type { ParsedQuery } from "./parse-query.ts";
import { bigramKey } from "./tokenize.ts";
import type { RankContext, Question, Scored } from "./rank.ts";
import { isAppendixLine } from "./sections.ts";

/**
 * The no-answer rule's thresholds, chosen on the tuning halves of bench/data/own.jsonl and ALQAC (bench/eval-own.ts
 * prints the held-out halves beside them). `minCoverage`: share of the question's content the best passage must hold;
 * `minPhrase`: with it, the weight of the question's phrases it holds, in units of the rarest possible phrase;
 * `surePhrase`: that weight alone, whatever the coverage (a long statute question shares few words but rare phrases);
 * `minPhraseShare`: the share of the question's phrases held, a phrase the corpus never uses weighing as the rarest.
 */
export const RANK_OPTIONS = { minCoverage: 0.7, minPhrase: 0.1, surePhrase: 1.5, minPhraseShare: 0.2 };

/**
 * The same thresholds for a small corpus (a handful of directives). The more passages, the likelier one of them
 * holds an off-topic question's words by chance, so the evidence asked for grows with the logarithm of the corpus
 * size, from these values at `smallCorpus` passages to RANK_OPTIONS' at `largeCorpus` (both ends chosen on the
 * tuning halves: the seeds alone, and the seeds with the gazette).
 */
export const SMALL_CORPUS_OPTIONS = {
  // The tuning half of the seeds refuses every off-topic question from 0.50 up (0.48 lets one through) and answers
  // the most in-domain ones at 0.50.
  minCoverage: 0.5,
  surePhrase: 1,
  minPhraseShare: 0.1,
  smallCorpus: 200,
  largeCorpus: 30_000,
};

type Thresholds = typeof RANK_OPTIONS;

/** The no-answer thresholds for a corpus of `passages` passages. */
export function thresholdsFor(passages: number): Thresholds {
  const { smallCorpus, largeCorpus } = SMALL_CORPUS_OPTIONS;
  const x = Math.log(Math.max(passages, 1) / smallCorpus) / Math.log(largeCorpus / smallCorpus);
  const t = Math.min(1, Math.max(0, x));
  const lerp = (small: number, large: number) => small + (large - small) * t;
  return {
    minCoverage: lerp(SMALL_CORPUS_OPTIONS.minCoverage, RANK_OPTIONS.minCoverage),
    minPhrase: RANK_OPTIONS.minPhrase,
    surePhrase: lerp(SMALL_CORPUS_OPTIONS.surePhrase, RANK_OPTIONS.surePhrase),
    minPhraseShare: lerp(SMALL_CORPUS_OPTIONS.minPhraseShare, RANK_OPTIONS.minPhraseShare),
  };
}

interface Evidence {
  coverage: number;
  /** Weight of the question's phrases the passage or its item holds, in units of the rarest possible phrase. */
  phrases: number;
  share: number;
  namesNumber: boolean;
  /** The question names the passage's document by its title ("Theo Luật Cư trú, …"). */
  namesDocument: boolean;
}

/**
 * The no-answer rule. Scattered single words ("mua", "xe", "góp"; "nơi" and "nhận" of "Nơi nhận") reach high
 * coverage of an off-topic question, and a long question's story words lower the coverage of its real answer: what
 * tells them apart is whether the passage shares the question's rare phrases.
 */
function answers(top: Evidence, q: ParsedQuery, th: Thresholds): boolean {
  // A document number the question names ("146-CV/TU") is as specific as a shared phrase.
  if ((top.namesNumber || top.namesDocument) && top.coverage > th.minCoverage / 2) return true;
  if (top.phrases >= th.surePhrase) return true;
  if (top.coverage <= th.minCoverage) return false;
  return q.bigrams.length === 0 || (top.phrases >= th.minPhrase && top.share >= th.minPhraseShare);
}

/**
 * Whether the corpus answers the question, judged on the best candidate that is not an appendix line: a table's or
 * form's many words reach any question's ("cá", "bể", "phim" in a tariff list). An appendix line alone answers only
 * a question asking for a form, or on the strong evidence of shared rare phrases.
 */
export function answersAtAll(scored: Scored[], question: Question, ctx: RankContext): boolean {
  const th = thresholdsFor(ctx.passages);
  const top = scored[0]!;
  if (question.asksForm || !isAppendixLine(top.c.passage.section))
    return answers(evidenceOf(top, question, ctx), question.q, th);
  const witness = scored.find((s) => !isAppendixLine(s.c.passage.section));
  if (witness && answers(evidenceOf(witness, question, ctx), question.q, th)) return true;
  const strong = evidenceOf(top, question, ctx);
  // Chance matches in a table do not get rarer with a smaller corpus: the large corpus's bar holds at every size.
  return strong.phrases >= RANK_OPTIONS.surePhrase || (strong.namesNumber && answers(strong, question.q, th));
}

/** The evidence the best candidate gives that the corpus answers the question at all. */
function evidenceOf(top: Scored, question: Question, ctx: RankContext): Evidence {
  const { q } = question;
  const held = (id: number | undefined) => ctx.hasTerm(top.c.terms, id) || ctx.hasTerm(top.c.itemTerms, id);
  const { weights, got } = phraseEvidence(question, ctx, held);
  const weight = got.reduce((n, g, k) => n + (g ? weights[k]! : 0), 0);
  // In a Vietnamese question the phrases are the user's own words: one the corpus never uses ("thống kê" of web-page
  // boilerplate) counts against the answer. English phrases come from the glossary's alternatives and do not.
  const unknown = q.lang === "vi" ? unknownPhrases(question, weights) : 0;
  const rarest = ctx.idf(undefined);
  const total = weights.reduce((a, b) => a + b, 0);
  const share = q.lang === "en" ? englishPhraseShare(question, held) : weight / (total + unknown * rarest || 1);
  return {
    coverage: top.coverage,
    phrases: weight / rarest,
    share,
    namesNumber: top.namesNumber,
    namesDocument: question.namedDocuments.has(top.c.passage.docId),
  };
}

/**
 * Each of the question's phrases: its rarity and whether the candidate holds it. A phrase of a wording with synonyms
 * ("quán net") is held when the candidate says another wording of the group whole ("điểm truy cập internet"), and
 * then weighs as that wording's phrases even if the corpus never uses the one typed.
 */
function phraseEvidence(
  question: Pick<Question, "q" | "bigramIds" | "bigramWeights">,
  ctx: Pick<RankContext, "bigramId" | "idf">,
  held: (id: number | undefined) => boolean,
): { weights: number[]; got: boolean[] } {
  const { q, bigramIds } = question;
  const weights = [...question.bigramWeights];
  const got = bigramIds.map((id) => id !== undefined && held(id));
  const slot = new Map(q.bigrams.map((b, k) => [b, k]));
  for (const concept of q.concepts) {
    if (!concept.scale || concept.alternatives.length < 2) continue;
    const [typed, ...others] = concept.alternatives.map((alt) => alt.map(fold));
    const typedSlots = phraseSlots(slot, typed!);
    if (typedSlots.length === 0 || typedSlots.every((k) => got[k])) continue;
    for (const wording of others) {
      const ids = wording.slice(1).map((syl, i) => ctx.bigramId(wording[i]!, syl));
      if (ids.length === 0 || !ids.every((id) => id !== undefined && held(id))) continue;
      const rarity = ids.reduce<number>((n, id) => n + ctx.idf(id), 0) / ids.length;
      for (const k of typedSlots) {
        weights[k] = Math.max(weights[k]!, rarity);
        got[k] = true;
      }
      break;
    }
  }
  return { weights, got };
}

/**
 * How many of the question's phrases the corpus never uses, counting pairs of two content words only: a pair with a
 * function word ("soát ở", "được cách") is no wording of the user's, and the corpus's silence on it says nothing.
 */
function unknownPhrases(question: Pick<Question, "q" | "syllables">, weights: number[]): number {
  const content = new Set(question.syllables.map((s) => s.folded));
  return question.q.bigrams.filter((b, k) => {
    const [x, y] = b.split("_");
    return weights[k] === 0 && content.has(x ?? "") && content.has(y ?? "");
  }).length;
}

/** Positions in the question's phrases (`slot`: phrase → index) of a folded wording's neighbouring pairs. */
function phraseSlots(slot: ReadonlyMap<string, number>, folded: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < folded.length; i++) {
    const k = slot.get(bigramKey(folded[i - 1]!, folded[i]!));
    if (k !== undefined) out.push(k);
  }
  return out;
}

/**
 * An English concept's phrases are those of each of its Vietnamese wordings ("work from home": "làm việc trực
 * tuyến", "làm việc tại nhà", …), and a passage uses one wording: the share counts, per concept, its best wording's
 * phrases held out of that wording's, not out of every wording's.
 */
export function englishPhraseShare(
  question: Pick<Question, "q" | "bigramIds" | "bigramWeights">,
  held: (id: number | undefined) => boolean,
): number {
  const { q, bigramIds, bigramWeights } = question;
  const slot = new Map(q.bigrams.map((b, k) => [b, k]));
  let total = 0;
  let got = 0;
  for (const concept of q.concepts) {
    let best = { total: 0, got: 0, share: -1 };
    for (const alt of concept.alternatives) {
      let t = 0;
      let g = 0;
      for (const k of phraseSlots(slot, alt.map(fold))) {
        t += bigramWeights[k]!;
        if (held(bigramIds[k])) g += bigramWeights[k]!;
      }
      const share = t ? g / t : 0;
      if (t && share > best.share) best = { total: t, got: g, share };
    }
    total += best.total;
    got += best.got;
  }
  return got / (total || 1);
}

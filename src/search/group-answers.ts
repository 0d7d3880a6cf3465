import type { QuestionSyllable, Ranked, Scored } from "./rank.ts";
import { itemOf } from "./sections.ts";

/**
 * One answer per item: bullets and paragraphs of one numbered item, clauses of one article. The item ranks by
 * its best member; it cites the member that says the most of the question in its own words.
 */
function groupByItem(scored: Scored[], syllables: QuestionSyllable[]) {
  const foldedOf = (mask: number) => [
    ...new Set(syllables.filter((syl) => syl.slot < 31 && mask & (1 << syl.slot)).map((syl) => syl.folded)),
  ];
  const byItem = new Map<string, Scored[]>();
  const top = scored[0]!;
  for (const s of scored) {
    // An answer let through by its rare phrases may cover little of a long question: keep it and its peers.
    if (s !== top && s.coverage < Math.min(0.3, top.coverage * 0.6)) continue;
    const item = itemOf(s.c.passage.section);
    const key = item ? `${s.c.passage.docId}|${item}` : s.c.passage.id;
    const group = byItem.get(key);
    if (group) group.push(s);
    else byItem.set(key, [s]);
  }
  return [...byItem.values()].map((group) => {
    const primary = group.reduce((best, s) => (s.own > best.own + 1e-9 ? s : best), group[0]!);
    return {
      ranked: {
        passage: primary.c.passage,
        score: group[0]!.score,
        coverage: group[0]!.coverage,
        terms: foldedOf(group.reduce((mask, s) => mask | s.found, 0)),
        merged: group.filter((s) => s !== primary).map((s) => s.c.passage),
      },
      terms: primary.c.terms,
    };
  });
}

/** Answers shown first; within them one document does not say the same thing twice. */
const TOP = 3;
const NEAR_DUPLICATE = 0.6;

/** Share of terms two sorted id arrays have in common (Jaccard). */
export function overlap(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union ? common / union : 0;
}

/** Moves an answer that nearly repeats a better one from the same document out of the first `top`. */
function spreadNearDuplicates<T extends { ranked: Ranked; terms: Int32Array }>(answers: T[], top: number): T[] {
  const head: T[] = [];
  const later: T[] = [];
  for (const a of answers) {
    const repeats = head.some(
      (h) => h.ranked.passage.docId === a.ranked.passage.docId && overlap(h.terms, a.terms) >= NEAR_DUPLICATE,
    );
    if (head.length < top && !repeats) head.push(a);
    else later.push(a);
  }
  return [...head, ...later];
}

/** The ranked answers: one per item, near-duplicates of a better answer from the same document after the first TOP. */
export function groupAnswers(scored: Scored[], syllables: QuestionSyllable[]): Ranked[] {
  return spreadNearDuplicates(groupByItem(scored, syllables), TOP).map((a) => a.ranked);
}

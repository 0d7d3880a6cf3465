import { fold } from "../search/normalize.ts";
import type { Deadline } from "../corpus/types.ts";
import type { SearchHit } from "../search/types.ts";

/**
 * Re-ordering after ranking, kept apart from the ranker: "Hạn báo cáo …?" prefers passages that set a deadline,
 * and an answer from a superseded document goes below the replacing document's answer to the same question.
 */

const ASKS_DEADLINE =
  /(^|\s)(han|thoi han|han chot|khi nao|bao gio|cham nhat|truoc ngay nao|ngay nao|den khi nao)(\s|$)|deadline|by when|\bdue\b|how long/;
/**
 * A deadline moves a passage up only past answers nearly as good (`deadlineBand` of the top score): it must not
 * lift an off-topic one. Chosen on the tuning halves (bench/eval-own.ts prints the held-out halves).
 */
export const REORDER_OPTIONS = { deadlineBand: 0.9 };

export function asksDeadline(question: string): boolean {
  return ASKS_DEADLINE.test(fold(question.normalize("NFC")).toLowerCase());
}

/** The deadline an answer sets: the listing's, else its passage's, else that of a passage merged into it (same item). */
export function hitDeadline(h: SearchHit): Deadline | null {
  if (h.deadline !== undefined) return h.deadline;
  return h.passage.deadlines?.[0] ?? h.merged?.find((p) => p.deadlines?.length)?.deadlines?.[0] ?? null;
}

// A superseded document's deadline is no longer the one to meet: it does not lift its answer.
const hasDeadline = (h: SearchHit) => hitDeadline(h) !== null && h.document.meta.status !== "superseded";

export function preferDeadlines(hits: readonly SearchHit[]): SearchHit[] {
  const top = hits[0]?.score ?? 0;
  const band = hits.filter((h) => h.score >= top * REORDER_OPTIONS.deadlineBand);
  const rest = hits.slice(band.length);
  return [...band.filter(hasDeadline), ...band.filter((h) => !hasDeadline(h)), ...rest];
}

/** Each superseded document's hits go right below the first hit of the document that replaced it, when present. */
export function demoteSuperseded(hits: readonly SearchHit[]): SearchHit[] {
  const out = [...hits];
  // Each hit moves once at most: two documents that claim to replace each other cannot loop.
  const moved = new Set<SearchHit>();
  for (let i = 0; i < out.length; i++) {
    const by = out[i]!.document.meta.supersededBy;
    if (!by || moved.has(out[i]!)) continue;
    const j = out.findIndex((h) => h.document.meta.docId === by);
    if (j > i) {
      const [hit] = out.splice(i, 1);
      moved.add(hit!);
      out.splice(j, 0, hit!);
      i--;
    }
  }
  return out;
}

export function reorderHits(
  question: string,
  hits: readonly SearchHit[],
  options: { namesDocument: boolean },
): SearchHit[] {
  const byDeadline = asksDeadline(question) ? preferDeadlines(hits) : [...hits];
  return options.namesDocument ? byDeadline : demoteSuperseded(byDeadline);
}

import { itemOf } from "../search/sections.ts";
import type { CorpusDocument, Passage } from "../corpus/types.ts";

/**
 * A cited section longer than this is given as the part around the cited paragraph: an appendix or a long
 * article can run to tens of thousands of characters, more than an answer should carry.
 */
export const SECTION_MAX_CHARS = 4000;

/**
 * The cited section as the document writes it: the run of passages around `passage` that carry its section label
 * ("2.2" split into its paragraphs for ranking is cited, and given, as one section). An unnumbered paragraph is
 * its own section.
 */
export function sectionPassages(doc: CorpusDocument, passage: Passage, maxChars = SECTION_MAX_CHARS): Passage[] {
  const all = doc.passages;
  const at = all[passage.order]?.id === passage.id ? passage.order : all.findIndex((p) => p.id === passage.id);
  if (passage.section === null || at < 0) return [passage];
  const same = (i: number) => i >= 0 && i < all.length && all[i]!.section === passage.section;
  let from = at;
  let to = at;
  let size = passage.text.length;
  // Grow outwards, the earlier side first, while the section goes on and fits.
  for (;;) {
    const before = same(from - 1) && size + all[from - 1]!.text.length <= maxChars;
    if (before) size += all[--from]!.text.length;
    const after = same(to + 1) && size + all[to + 1]!.text.length <= maxChars;
    if (after) size += all[++to]!.text.length;
    if (!before && !after) break;
  }
  return all.slice(from, to + 1);
}

/** What an answer cites: its label, and the passages it gives, in document order. */
export interface CitedPart {
  section: string | null;
  passages: Passage[];
}

/**
 * What an answer cites: its section, and the other passages of its item that the ranker merged into it (the
 * clauses of one article that answer together), within SECTION_MAX_CHARS. Clauses of one article cite the
 * article ("Điều 32").
 */
export function citedPart(doc: CorpusDocument, passage: Passage, merged: readonly Passage[] = []): CitedPart {
  const run = sectionPassages(doc, passage);
  let size = run.reduce((n, p) => n + p.text.length, 0);
  const parts = new Set(run);
  const ids = new Set(run.map((p) => p.id));
  for (const p of merged) {
    if (ids.has(p.id) || size + p.text.length > SECTION_MAX_CHARS) continue;
    parts.add(p);
    ids.add(p.id);
    size += p.text.length;
  }
  const passages = [...parts].sort((a, b) => a.order - b.order);
  const oneLabel = passages.every((p) => p.section === passage.section);
  return { section: oneLabel ? passage.section : itemOf(passage.section), passages };
}

/** The cited passages' text, paragraphs apart as in the document. */
export const partText = (part: CitedPart): string => part.passages.map((p) => p.text).join("\n\n");

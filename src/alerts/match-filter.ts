import type { CorpusDocument } from "../corpus/types.ts";
import { fold } from "../search/normalize.ts";

/** Filters are kept folded so "/dangky Kiên Giang" and "/dangky kien giang" are the same subscription. */
export function normalizeFilter(raw: string): string {
  return fold(raw)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 100);
}

/** What filters are matched against: type, number, issuer, subject, tags and text, folded, words space-separated. */
export function documentHaystack(doc: CorpusDocument): string {
  const m = doc.meta;
  const text = [m.type, m.number, m.issuer, m.title, ...m.tags, doc.text].filter(Boolean).join(" ");
  return ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
}

/** Does the document (its haystack, computed once for all subscriptions) match the filter? */
export function matchesFilter(doc: CorpusDocument | string, filter: string): boolean {
  if (!filter) return true;
  return (typeof doc === "string" ? doc : documentHaystack(doc)).includes(` ${filter} `);
}

/**
 * A document id: the file name without its extension, letters and digits first, then letters, digits, `.`, `_`
 * or `-`, at most 128 characters. Ids are looked up only when they match, so no path can pass for one.
 */
export const DOC_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;

export function isDocId(text: string): boolean {
  return DOC_ID.test(text);
}

/** An anchor or id from a label: marks and "đ" folded, lowercase, runs of anything else one "-" ("Điều 5" → "dieu-5"). */
export function slug(label: string): string {
  let known = slugs.get(label);
  if (known === undefined) {
    if (slugs.size >= SLUGS_KEPT) slugs.clear();
    known = slugOf(label);
    slugs.set(label, known);
  }
  return known;
}

/**
 * Slugs made, by label: a corpus repeats its labels ("Điều 1, khoản 2" in every statute), and five string passes
 * per passage were a few percent of a load. Bounded: cleared when full.
 */
const slugs = new Map<string, string>();
const SLUGS_KEPT = 20_000;

function slugOf(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

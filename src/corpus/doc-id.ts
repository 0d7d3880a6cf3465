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
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

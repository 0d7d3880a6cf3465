/** What a passage's section label says: which item it belongs to, and whether it is an appendix's line. */

/**
 * A passage of an appendix's lines (a form, a table, a list) rather than of an attached regulation's articles:
 * its many words match content questions by chance.
 */
const APPENDIX_LINE = /^(?:Phụ lục|Mẫu số|Biểu mẫu|Biểu số|Danh mục)(?![^,]*,\s*(?:Điều|Chương|Mục))/u;
export const isAppendixLine = (section: string | null): boolean => section !== null && APPENDIX_LINE.test(section);

/** The part of a section label that names the item an answer cites: "Điều 32, khoản 2" → "Điều 32". */
export function itemOf(section: string | null): string | null {
  if (!section) return null;
  return section.replace(/,\s*(khoản|điểm).*$/u, "");
}

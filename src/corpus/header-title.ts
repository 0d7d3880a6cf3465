import { isAllCaps } from "./clean-text.ts";
import { BODY_START, DATE_WORDS, NUMBER_LINE, type HeaderScan } from "./header-patterns.ts";
import { toOrgCase } from "./org-case.ts";
import { FOOTNOTE, LEGAL_BASIS, SOURCE_CITATION } from "./preamble.ts";

/** What the lines under a type heading ("CÔNG VĂN", "THÔNG TƯ") say. */
export interface TypeHeading {
  /** The subject, as the document's title; null when the heading has none. */
  title: string | null;
  /** The issuer a "CỦA BAN THƯỜNG VỤ TỈNH ỦY" line names, if any. */
  ofIssuer: string | null;
  /** Index of the last line the heading takes. */
  last: number;
}

const SUBJECT_OPENING = /^(về việc|v\/v)\s/iu;

/** Where a subject stops: a number, date, preamble, footnote or body line, a stamp, or a whole paragraph. */
function endsSubject(scan: HeaderScan, j: number): boolean {
  const next = scan.lines[j]!;
  // A whole paragraph is body, unless it opens as a subject does ("Về việc đính chính …" may run long).
  const paragraph = next.length > 600 && !(next.length < 1200 && SUBJECT_OPENING.test(next));
  if (scan.ignored.has(j) || paragraph || NUMBER_LINE.test(next) || (DATE_WORDS.test(next) && next.length < 80))
    return true;
  // A consolidation lists its sources in full paragraphs; a subject may name a document on a short line.
  const citation = SOURCE_CITATION.test(next) && (next.length > 160 || /[.:;]$/u.test(next));
  return LEGAL_BASIS.test(next) || citation || FOOTNOTE.test(next) || BODY_START.test(next);
}

/** What a subject line's "CỦA …" names when it is a document, not the issuer ("CỦA LUẬT BẢO HIỂM Y TẾ"). */
const NAMES_DOCUMENT = /^\s*(LUẬT|BỘ LUẬT|PHÁP LỆNH|NGHỊ ĐỊNH|NGHỊ QUYẾT|THÔNG TƯ|QUYẾT ĐỊNH|CHỈ THỊ|HIẾN PHÁP|CÁC )/u;

/**
 * The lines right after the type name at line `i`: the issuer ("CỦA BAN THƯỜNG VỤ TỈNH ỦY") and the subject, in
 * capitals or in sentence case over up to four lines.
 */
export function readTypeHeading(scan: HeaderScan, i: number, typeName: string): TypeHeading {
  const { lines, end } = scan;
  const subject: string[] = [];
  const rest = lines[i]!.slice(typeName.length).trim();
  if (rest) subject.push(rest);
  let ofIssuer: string | null = null;
  let j = i + 1;
  let mixed = false;
  for (; j < end && subject.length < 4; j++) {
    if (endsSubject(scan, j)) break;
    const next = lines[j]!;
    if (/^CỦA\s/u.test(next) && !NAMES_DOCUMENT.test(next.slice(4))) {
      ofIssuer = toOrgCase(next.replace(/^CỦA\s+/u, ""));
      continue;
    }
    const of = /^(.*?)\s+CỦA\s+(.+)$/u.exec(next);
    // "… CỦA BAN THƯỜNG VỤ TỈNH ỦY" names the issuer; "SỬA ĐỔI … CỦA LUẬT BẢO HIỂM Y TẾ" is the subject.
    if (of && isAllCaps(next) && !NAMES_DOCUMENT.test(of[2]!)) ofIssuer = toOrgCase(of[2]!);
    const caps = isAllCaps(next);
    // After a subject in sentence case, a line in capitals is the enacting authority ("BỘ TRƯỞNG BỘ TÀI CHÍNH").
    if (caps && mixed) break;
    if (caps || /^(về|v\/v)\s/iu.test(next)) subject.push(caps ? capsSubject(next) : next);
    else if (!/[.;:]$/u.test(subject[subject.length - 1] ?? "") && (subject.length === 0 || !/[.:]$/u.test(next))) {
      // A subject set in sentence case, wrapped over centred lines ("Quy định chi tiết … của Luật" / "Bảo hiểm xã hội").
      subject.push(next);
    } else break;
    mixed ||= !caps;
  }
  const title = subject.length ? capitaliseFirst(subject.join(" ").replace(/\s+/g, " ")) : null;
  return { title, ofIssuer, last: j - 1 };
}

/** A subject set in capitals, in the body's case: "… CỦA LUẬT BẢO HIỂM Y TẾ" → "… của Luật Bảo hiểm y tế". */
function capsSubject(line: string): string {
  return toOrgCase(line).replace(
    /(^|\s)(luật|bộ luật|pháp lệnh)\s+(\p{Ll})/gu,
    (_m, sp: string, w: string, c: string) => `${sp}${w[0]!.toUpperCase()}${w.slice(1)} ${c.toUpperCase()}`,
  );
}

export function capitaliseFirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

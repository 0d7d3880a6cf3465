import { isAllCaps } from "./clean-text.ts";

/** Document types, with the code used in their numbers ("146-CV/TU" → Công văn). */
const DOCUMENT_TYPES: ReadonlyArray<{ name: string; codes: string[] }> = [
  { name: "Chỉ thị", codes: ["CT"] },
  { name: "Công văn", codes: ["CV"] },
  { name: "Thông báo", codes: ["TB"] },
  { name: "Quyết định", codes: ["QĐ", "QD"] },
  { name: "Kế hoạch", codes: ["KH"] },
  { name: "Nghị quyết", codes: ["NQ"] },
  { name: "Nghị định", codes: ["NĐ", "ND"] },
  { name: "Thông tư", codes: ["TT"] },
  { name: "Luật", codes: ["QH"] },
  { name: "Bộ luật", codes: [] },
  { name: "Kết luận", codes: ["KL"] },
  { name: "Hướng dẫn", codes: ["HD"] },
  { name: "Công điện", codes: ["CĐ", "CD"] },
  { name: "Báo cáo", codes: ["BC"] },
  { name: "Tờ trình", codes: ["TTr"] },
  { name: "Quy định", codes: ["QĐi"] },
  { name: "Đề án", codes: ["ĐA"] },
  { name: "Chương trình", codes: ["CTr"] },
  { name: "Thông tri", codes: ["TTr"] },
  { name: "Văn bản hợp nhất", codes: ["VBHN"] },
  { name: "Thông tư liên tịch", codes: ["TTLT"] },
  { name: "Nghị quyết liên tịch", codes: ["NQLT"] },
  { name: "Pháp lệnh", codes: ["PL"] },
  { name: "Quy chế", codes: ["QC"] },
];
/** Longest first, so that "THÔNG TƯ LIÊN TỊCH" is not read as "THÔNG TƯ". */
const TYPE_NAMES = DOCUMENT_TYPES.map((t) => t.name).sort((a, b) => b.length - a.length);
export const TYPE_LINE = new RegExp(`^(${TYPE_NAMES.map((n) => n.toUpperCase()).join("|")})(?:\\s|$)`, "u");
export const TYPE_IN_TEXT = TYPE_NAMES.join("|");

/** "146-CV/TU" → "146-CV/TU"; "-CV/HU" (number left blank in the draft) → null; "215 -BS/ĐUK" → "215-BS/ĐUK". */
export function parseNumber(raw: string): { number: string | null; code: string | null } {
  const token =
    raw
      .trim()
      .replace(/\s*([-/])\s*/g, "$1")
      .split(/\s/)[0] ?? "";
  const codeMatch = /^[\d]*[-/]?([\p{Lu}]{1,4}[\p{Ll}]?)(?:[-/]|$)/u.exec(token.replace(/^\d+\/\d{4}\//, ""));
  const code = codeMatch?.[1] ?? null;
  if (!/^\d/.test(token)) return { number: null, code };
  return { number: token.replace(/[.,;]+$/, ""), code };
}

export function typeFromCode(code: string | null): string | null {
  if (!code) return null;
  return DOCUMENT_TYPES.find((t) => t.codes.includes(code))?.name ?? null;
}

export function typeFromLine(line: string): string | null {
  const m = TYPE_LINE.exec(line);
  if (!m) return null;
  return TYPE_NAMES.find((n) => n.toUpperCase() === m[1]) ?? null;
}

export function typeHeadingOf(line: string): string | null {
  // The anchored type test first: it fails at the first letter of nearly every line, the case test reads it all.
  return TYPE_LINE.test(line) && isAllCaps(line) ? typeFromLine(line) : null;
}

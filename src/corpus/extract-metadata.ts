import { isAllCaps } from "./clean-text.ts";
import { parseNumber, TYPE_LINE, typeFromCode, typeFromLine } from "./document-type.ts";
import { findFloatedHeader } from "./floated-header.ts";
import { issuerOf } from "./header-issuer.ts";
import { isoDate, NUMBER_LINE } from "./header-patterns.ts";
import { findBodyEnd, isPersonName, readSignature } from "./header-signer.ts";
import { toOrgCase } from "./org-case.ts";
import { type Consolidation, findConsolidation, signerTitleAbove } from "./preamble.ts";
import { type HeaderFields, readHeaderLines } from "./read-header.ts";

export { parseNumber, typeHeadingOf } from "./document-type.ts";
export { isPersonName } from "./header-signer.ts";

/** A statute dates itself where it is passed: "Luật này được Quốc hội … thông qua ngày 29 tháng 11 năm 2024". */
const PASSED_ON = /thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;
/** Where the appendices and forms start after the signature: "PHỤ LỤC I", "Mẫu số 01", "DANH MỤC …". */
export const APPENDIX_HEADING = /^(PHỤ LỤC|Phụ lục|DANH MỤC|Danh mục|MẪU SỐ|Mẫu số|BIỂU MẪU|Biểu mẫu|Biểu số)(\s|$)/u;
const COPY_MARK = /^(sao y( bản chính)?|sao lục|trích sao|bản sao)$/iu;
const RECEIVED_STAMP = /^ĐẾN\b|^ĐẾN\s+Số/u;

export interface HeaderInfo {
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  signer: string | null;
  signerTitle: string | null;
  recipients: string[];
  copiedBy: string | null;
  /** The preamble's "Căn cứ …" and "Theo đề nghị của …" lines. */
  legalBases: string[];
  /** Index of the first body line and of the first footer line in the cleaned lines. */
  bodyStart: number;
  bodyEnd: number;
  /** Index of the first appendix line after the signature, or the end when there is none. */
  appendixStart: number;
  /** Header lines found inside the body (a block PDF extraction moved there), to leave out of its passages. */
  bodyGap: { start: number; end: number } | null;
  warnings: string[];
}

/**
 * Reads metadata from the header and footer of a directive's cleaned lines and finds where its body is: the
 * certified-copy block and stamps are set aside, the header read up to the body, the footer's signature read,
 * and a consolidated text's authentication block, when there is one, has the last word.
 */
export function extractHeader(lines: readonly string[]): HeaderInfo {
  const copy = findCopyBlock(lines);
  const head = readHeaderLines({ lines, end: copy.end, ignored: receivedStamps(lines, copy.end) });
  // A consolidated text authenticates itself after its last article, before its appendices.
  const consolidation = findConsolidation(lines.slice(0, copy.end), isPersonName);
  const inBody = consolidation && consolidation.start > head.bodyStart && consolidation.start < copy.end;
  const end = inBody ? consolidation.start : copy.end;
  const bodyEnd = findBodyEnd(lines, head.bodyStart, end);
  const appendixStart = findAppendixStart(lines, bodyEnd, end);
  const signature = readSignature(lines, { bodyEnd, appendixStart, end }, head.recipients);
  const info: HeaderInfo = {
    type: head.type,
    number: head.number,
    date: head.date,
    issuer: head.issuer,
    title: head.title,
    signer: signature.signer,
    signerTitle: signature.signerAt >= 0 ? signerTitleAbove(lines, signature.signerAt) : null,
    recipients: head.recipients,
    copiedBy: copy.copiedBy,
    legalBases: head.legalBases,
    bodyStart: head.bodyStart,
    bodyEnd,
    appendixStart,
    bodyGap: null,
    warnings: [],
  };
  if (consolidation) applyConsolidation(info, consolidation, lines);
  if (!info.number || !info.date) applyFloatedHeader(info, head, lines);
  info.date ??= passedOnDate(lines, head.bodyStart, end);
  info.type ??= typeFromClues(info, head.numberCode);
  if (!info.issuer) info.issuer = issuerOf(lines, { ...head, signingFor: signature.signingFor }) ?? info.issuer;
  info.warnings = warningsOf(info, head, end);
  return info;
}

/** A certified copy ends with the copying office's own header, number, recipients and "Sao y bản chính". */
function findCopyBlock(lines: readonly string[]): { end: number; copiedBy: string | null } {
  const copyAt = lines.findIndex((l) => COPY_MARK.test(l));
  if (copyAt < 0) return { end: lines.length, copiedBy: null };
  let start = copyAt;
  while (start > 0) {
    const prev = lines[start - 1]!;
    if (isAllCaps(prev) || /^[-–•+]\s/.test(prev) || /^nơi nhận/iu.test(prev) || NUMBER_LINE.test(prev)) start--;
    else break;
  }
  const orgs = lines.slice(start, copyAt).filter((l) => isAllCaps(l) && !/^ĐẢNG BỘ/u.test(l));
  return { end: start, copiedBy: orgs.length ? toOrgCase(orgs.join(" ")) : null };
}

/** An incoming-document stamp ("ĐẾN Số: 332 Ngày: …") belongs to the receiving office: its lines, to ignore. */
function receivedStamps(lines: readonly string[], end: number): Set<number> {
  const ignored = new Set<number>();
  for (let i = 0; i < end; i++) {
    if (!RECEIVED_STAMP.test(lines[i]!)) continue;
    ignored.add(i);
    if (i > 0 && isAllCaps(lines[i - 1]!) && !TYPE_LINE.test(lines[i - 1]!)) ignored.add(i - 1);
    for (let j = i + 1; j < end && /^(ngày|chuyển|chuyên|lưu hồ sơ)\s*:/iu.test(lines[j]!); j++) ignored.add(j);
  }
  return ignored;
}

/** The first appendix heading or attached document after the signature, or `end`. */
function findAppendixStart(lines: readonly string[], bodyEnd: number, end: number): number {
  for (let i = bodyEnd; i < end; i++) {
    if (APPENDIX_HEADING.test(lines[i]!) && lines[i]!.length < 200) return i;
    const part = attachedPartAt(lines, i, bodyEnd);
    if (part >= 0) return part;
  }
  return end;
}

/** A consolidated text is what its authentication block says: number, date, issuer and signer. */
function applyConsolidation(info: HeaderInfo, consolidation: Consolidation, lines: readonly string[]): void {
  info.type = "Văn bản hợp nhất";
  info.number = consolidation.number ?? (info.number && /VBHN/u.test(info.number) ? info.number : null);
  const d = consolidation.date;
  info.date = d ? isoDate(d.d, d.m, d.y) : info.date;
  if (consolidation.issuer) info.issuer = consolidation.issuer;
  if (consolidation.signerLine !== null) {
    info.signer = lines[consolidation.signerLine]!;
    info.signerTitle = signerTitleAbove(lines, consolidation.signerLine);
  }
  // What follows the authentication block is the consolidation's appendices, as after any signature.
  if (consolidation.start < lines.length) {
    const afterBlock = lines.findIndex((l, i) => i > consolidation.start && APPENDIX_HEADING.test(l) && l.length < 200);
    info.appendixStart = afterBlock >= 0 ? afterBlock : lines.length;
  }
}

/** The number, date and issuer of a header block that text extraction moved into the body; its lines leave the body. */
function applyFloatedHeader(info: HeaderInfo, head: HeaderFields, lines: readonly string[]): void {
  const floated = findFloatedHeader(lines, info.bodyStart, info.bodyEnd);
  if (!floated) return;
  info.number ??= floated.number;
  info.date ??= floated.date;
  head.numberCode ??= floated.numberCode;
  if (head.orgLines.length === 0) head.orgLines.push(...floated.orgLines);
  info.bodyGap = { start: floated.start, end: floated.end };
}

/** A statute's "thông qua ngày …" near its end, the last one first. */
function passedOnDate(lines: readonly string[], bodyStart: number, end: number): string | null {
  for (let i = end - 1; i >= Math.max(bodyStart, end - 80); i--) {
    const passed = PASSED_ON.exec(lines[i]!);
    const date = passed ? isoDate(passed[1]!, passed[2]!, passed[3]!) : null;
    if (date) return date;
  }
  return null;
}

/** With no type heading: the code in the number ("146-CV/TU" → Công văn), else a "V/v" subject's Công văn. */
function typeFromClues(info: HeaderInfo, numberCode: string | null): string | null {
  return (
    typeFromCode(numberCode) ??
    typeFromCode(info.number ? parseNumber(info.number).code : null) ??
    (info.title?.startsWith("V/v") ? "Công văn" : null)
  );
}

function warningsOf(info: HeaderInfo, head: HeaderFields, end: number): string[] {
  const warnings: string[] = [];
  if (!info.type) warnings.push("no document type found in the header");
  if (!info.number)
    warnings.push(
      `no document number${head.numberCode ? ` (the number is left blank: "Số -${head.numberCode}/…")` : ""}`,
    );
  if (!info.date) warnings.push("no issue date found");
  if (!info.issuer) warnings.push("no issuer found");
  if (!info.signer) warnings.push("no signer found");
  if (head.bodyStart >= end) warnings.push("unparsed header: no body text found after it");
  return warnings;
}

/** "(Ban hành kèm theo Thông tư số …)": a regulation or list issued with the document, after its signature. */
export const ATTACHED = /^\((ban hành )?kèm theo\s/iu;

/**
 * Where a document issued with this one ("QUY CHẾ" / title / "(Ban hành kèm theo …)") starts, if line `i`
 * is its "kèm theo" line: its heading in capitals a few lines up. -1 when line `i` is no such line.
 */
export function attachedPartAt(lines: readonly string[], i: number, from: number): number {
  if (!ATTACHED.test(lines[i]!)) return -1;
  for (let j = i - 1; j >= Math.max(from, i - 3); j--) if (isAllCaps(lines[j]!) && typeFromLine(lines[j]!)) return j;
  return i;
}

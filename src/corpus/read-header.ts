import { isAllCaps } from "./clean-text.ts";
import { parseNumber, TYPE_IN_TEXT, typeFromLine } from "./document-type.ts";
import {
  BODY_START,
  CONTINUES_NAME,
  DATE_NUMERIC,
  DATE_WORDS,
  type HeaderScan,
  isoDate,
  NATIONAL_HEADER_IN_LINE,
  NUMBER_LINE,
  ORG_HEAD,
} from "./header-patterns.ts";
import { readAddressees } from "./header-recipients.ts";
import { capitaliseFirst, readTypeHeading } from "./header-title.ts";
import { ENACTING, FOOTNOTE, LEGAL_BASIS, SOURCE_CITATION } from "./preamble.ts";

/** The header lines before a directive's body, line by line: what each says about the document. */

const NATIONAL_HEADERS =
  /^(đảng cộng sản việt nam|cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc)/iu;
/** A news page reporting a directive: "Ngày 21/7/2021, Ban Thường vụ Tỉnh ủy Kiên Giang có Công văn số 209-CV/TU, về …". */
const NEWS_LEAD = new RegExp(
  `^Ngày\\s+(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}),\\s+(.{3,120}?)\\s+(?:có|ban hành|đã ban hành|ra)\\s+(${TYPE_IN_TEXT})\\s+số\\s+([\\p{L}\\d/.-]+?)[,.]?(?:\\s*,?\\s*((?:về việc|về|V\\/v)\\s+[^.]+))?(?:\\.|$)`,
  "u",
);

/** What the header says before the body starts. */
export interface HeaderFields {
  type: string | null;
  number: string | null;
  /** The code of the number ("CV" in "146-CV/TU"), kept when the number itself is left blank. */
  numberCode: string | null;
  date: string | null;
  issuer: string | null;
  title: string | null;
  recipients: string[];
  legalBases: string[];
  /** Organisation lines in capitals ("TỈNH ỦY NAM ĐỊNH"), in order. */
  orgLines: string[];
  /** Index of the line that last added to `orgLines`. */
  orgLineAt: number;
  ofIssuer: string | null;
  /** Index of the first body line; `scan.end` when there is none. */
  bodyStart: number;
}

/** Reads the header lines of `scan` up to the first body line. */
export function readHeaderLines(scan: HeaderScan): HeaderFields {
  const head: HeaderFields = {
    type: null,
    number: null,
    numberCode: null,
    date: null,
    issuer: null,
    title: null,
    recipients: [],
    legalBases: [],
    orgLines: [],
    orgLineAt: -2,
    ofIssuer: null,
    bodyStart: -1,
  };
  const first = firstKept(scan.lines, scan.ignored);
  for (let i = 0; i < scan.end && head.bodyStart < 0; i++) {
    if (!scan.ignored.has(i)) i = readHeaderLine(scan, head, i, i === first);
  }
  if (head.bodyStart < 0) head.bodyStart = scan.end;
  return head;
}

/** Reads line `i` (and the lines it runs on to) into `head`; returns the index of the last line it took. */
function readHeaderLine(scan: HeaderScan, head: HeaderFields, i: number, isFirst: boolean): number {
  const line = scan.lines[i]!;
  if (readNewsLead(head, line)) return i;
  const lineType = typeFromLine(line);
  // The gazette files a consolidated text under "VĂN BẢN HỢP NHẤT - BỘ Y TẾ": a section, not the subject.
  if (lineType === "Văn bản hợp nhất" && isAllCaps(line)) return i;
  if (lineType && !head.type && isAllCaps(line)) {
    head.type = lineType;
    const heading = readTypeHeading(scan, i, lineType);
    head.ofIssuer = heading.ofIssuer ?? head.ofIssuer;
    if (heading.title !== null && !head.title) head.title = heading.title;
    return heading.last;
  }
  if (readNumberLine(head, line) || readDateLine(head, line)) return i;
  if (/^v\/v\s/iu.test(line)) {
    head.title ??= line;
    return i;
  }
  if (/^([-–•+]\s*)?kính gửi/iu.test(line)) return readAddressees(scan.lines, i, scan.end, head.recipients);
  if (!skipsPreamble(head, line, i)) readBodyOrHeadline(head, line, i, isFirst);
  return i;
}

function readNewsLead(head: HeaderFields, line: string): boolean {
  const news = NEWS_LEAD.exec(line);
  if (!news) return false;
  head.date ??= isoDate(news[1]!, news[2]!, news[3]!);
  head.issuer ??= news[4]!.trim();
  head.type ??= news[5]!;
  head.number ??= parseNumber(news[6]!).number;
  // The subject the report quotes beats the page headline.
  if (news[7]) head.title = capitaliseFirst(news[7].trim());
  return true;
}

/** "Số: 146-CV/TU", "Luật số 41/2024/QH15": the first one is the document's number. */
function readNumberLine(head: HeaderFields, line: string): boolean {
  const num = NUMBER_LINE.exec(line);
  if (!num || head.number) return false;
  const parsed = parseNumber(num[1]!);
  head.number = parsed.number;
  head.numberCode = parsed.code;
  return true;
}

/** "Nam Định, ngày 04 tháng 5 năm 2021": the first short dated line is the issue date. */
function readDateLine(head: HeaderFields, line: string): boolean {
  const dated = DATE_WORDS.exec(line) ?? (line.length < 80 ? DATE_NUMERIC.exec(line) : null);
  // A legal basis dates the law it cites, not this document.
  if (!dated || head.date || line.length >= 120 || LEGAL_BASIS.test(line)) return false;
  head.date = isoDate(dated[1]!, dated[2]!, dated[3]!);
  return true;
}

/**
 * National headers, organisation lines and the preamble of a legal text: its legal bases are metadata; the
 * enacting formula and a consolidation's list of merged documents are neither metadata nor content; page-foot
 * footnotes come back in the body. True when `line` is one of them.
 */
function skipsPreamble(head: HeaderFields, line: string, i: number): boolean {
  if (NATIONAL_HEADERS.test(line)) return true;
  if (LEGAL_BASIS.test(line)) {
    head.legalBases.push(line);
    return true;
  }
  if (
    (head.legalBases.length > 0 && ENACTING.test(line)) ||
    (head.type && SOURCE_CITATION.test(line)) ||
    FOOTNOTE.test(line)
  )
    return true;
  if (continuesOrgName(head, line, i)) {
    head.orgLines[head.orgLines.length - 1] += ` ${line}`;
    head.orgLineAt = i;
    return true;
  }
  if (isAllCaps(line) && ORG_HEAD.test(line)) {
    // Under the type heading, a line in capitals is the enacting authority ("BỘ TRƯỞNG BỘ TÀI CHÍNH"), not the issuer.
    if (!head.type || head.orgLines.length === 0) {
      head.orgLines.push(line.replace(NATIONAL_HEADER_IN_LINE, ""));
      head.orgLineAt = i;
    }
    return true;
  }
  return isAllCaps(line) && line.length < 100;
}

/**
 * An organisation's name wrapped over two lines: "BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ HỘI", "NGÂN HÀNG NHÀ NƯỚC" /
 * "VIỆT NAM" right under it, or "BỘ LAO ĐỘNG -" … "THƯƠNG BINH VÀ XÃ HỘI" with the other column's lines between.
 * A line that starts another organisation ("BỘ TÀI CHÍNH" / "TỔNG CỤC THUẾ") does not continue it.
 */
function continuesOrgName(head: HeaderFields, line: string, i: number): boolean {
  if (head.type || head.orgLines.length === 0 || !isAllCaps(line) || line.length > 60) return false;
  if (CONTINUES_NAME.test(line)) return true;
  if (ORG_HEAD.test(line) || NATIONAL_HEADERS.test(line) || typeFromLine(line)) return false;
  const last = head.orgLines[head.orgLines.length - 1]!;
  return i === head.orgLineAt + 1 || /(\s[-–]|\sVÀ)$/u.test(last);
}

/** A structural or long line starts the body; a short first line is a web page's headline. */
function readBodyOrHeadline(head: HeaderFields, line: string, i: number, isFirst: boolean): void {
  const structural = BODY_START.test(line);
  // A web page opens with its headline: short, no full stop, before anything else.
  if (!structural && isFirst && line.length < 160 && !/[.;:]$/.test(line) && !head.type) {
    head.title ??= line;
    return;
  }
  if (structural || line.length >= 80) {
    head.bodyStart = i;
    return;
  }
  // A short mixed-case line before the body is a web headline or a stray caption.
  if (isFirst && !head.title) head.title = line;
}

function firstKept(lines: readonly string[], ignored: ReadonlySet<number>): number {
  for (let i = 0; i < lines.length; i++) if (!ignored.has(i)) return i;
  return -1;
}

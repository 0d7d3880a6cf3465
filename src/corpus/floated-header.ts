import { isAllCaps } from "./clean-text.ts";
import { parseNumber } from "./document-type.ts";
import { DATE_WORDS, isoDate, NUMBER_LINE } from "./header-patterns.ts";

/**
 * The gazette prints a document's two-column header (issuer, "Số: …", national motto, place and date) beside the
 * first page's text, and PDF text extraction often puts that block after the page's body lines, at the foot of
 * page one. When the header proper has no number or date, this finds the block there: its fields, and its lines,
 * which are not body text.
 */
export interface FloatedHeader {
  /** First and past-the-last line of the block. */
  start: number;
  end: number;
  number: string | null;
  numberCode: string | null;
  date: string | null;
  /** The issuer's lines in capitals ("BỘ KHOA HỌC VÀ CÔNG NGHỆ"). */
  orgLines: string[];
}

const MOTTO = /^(cộng hòa|cộng hoà) xã hội chủ nghĩa việt nam$/iu;
const MOTTO_2 = /^độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc$/iu;
const RULE = /^[_\-–=.\s]+$/u;
/** How far into the body the block may sit: page one's foot. */
const SEARCH_LINES = 150;
/** How far the number, date and issuer lines may be from the motto. */
const REACH = 6;

export function findFloatedHeader(lines: readonly string[], from: number, to: number): FloatedHeader | null {
  const last = Math.min(to, from + SEARCH_LINES);
  for (let i = from; i < last; i++) {
    if (!MOTTO.test(lines[i]!.trim()) || !MOTTO_2.test(lines[i + 1]?.trim() ?? "")) continue;
    const block = readBlock(lines, i, from, to);
    if (block.number || block.date) return block;
  }
  return null;
}

/** The block around the motto at line `motto`: contiguous header lines before and after it. */
function readBlock(lines: readonly string[], motto: number, from: number, to: number): FloatedHeader {
  const block: FloatedHeader = {
    start: motto,
    end: motto + 2,
    number: null,
    numberCode: null,
    date: null,
    orgLines: [],
  };
  const take = (i: number): boolean => {
    const line = lines[i]!.trim();
    const num = NUMBER_LINE.exec(line);
    if (num && line.length < 60) {
      const parsed = parseNumber(num[1]!);
      block.number ??= parsed.number;
      block.numberCode ??= parsed.code;
      return true;
    }
    const dated = line.length < 80 ? DATE_WORDS.exec(line) : null;
    if (dated) {
      block.date ??= isoDate(dated[1]!, dated[2]!, dated[3]!);
      return true;
    }
    return RULE.test(line) || line === "";
  };
  for (let i = motto + 2; i < Math.min(to, motto + 2 + REACH) && take(i); i++) block.end = i + 1;
  for (let i = motto - 1; i >= Math.max(from, motto - REACH); i--) {
    const line = lines[i]!.trim();
    if (take(i)) block.start = i;
    else if (isAllCaps(line) && line.length < 100) {
      block.orgLines.unshift(line);
      block.start = i;
    } else break;
  }
  return block;
}

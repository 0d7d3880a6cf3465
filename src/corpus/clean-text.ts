/**
 * Turns raw document text into clean paragraphs: NFC, no markdown emphasis, no web-page chrome,
 * paragraphs that a page break or a PDF line wrap cut in two joined again.
 */

import { hasTwoLetters, startsLower } from "./letters.ts";
import { PAGE_BREAK, removePageFurniture } from "./page-furniture.ts";

/** Lines that are web-page chrome around a published directive, never part of it. */
const IMAGE_MARK = /^img\s+\d+(\s+\d+)*$/i;
const PHOTO_CREDIT = /^(ảnh|nguồn ảnh|photo)\s*:/i;
const BOILERPLATE_LINE: readonly RegExp[] = [
  IMAGE_MARK,
  PHOTO_CREDIT,
  /^(thứ\s+(hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*[-–,]\s*\d{1,2}\/\d{1,2}\/\d{4}/i,
  /^tổng số điểm của bài viết/i,
  /^(đánh giá|bình luận|chia sẻ|in bài viết|gửi bài viết|lượt xem|tin liên quan|tin khác|các tin khác|xem thêm)\s*:?\s*[\d.,]*$/i,
  /^•?\s*(đang truy cập|đang trực tuyến|hôm nay|hôm qua|tuần này|tháng hiện tại|tháng trước|tổng lượt truy cập|tổng số lượt truy cập|lượt truy cập)\s*:?\s*[\d.,]+$/i,
  /^(ý kiến bạn đọc|thông tin cần biết|thống kê truy cập|liên kết website|bài viết liên quan)$/i,
];

/** After one of these, the rest of a saved web page is sidebar and footer. */
const WEB_TAIL = /^(ý kiến bạn đọc|thống kê truy cập|thông tin cần biết)$/i;

/** Markers that start a structural unit and so never continue the line above. */
const STRUCTURE_START =
  /^(\d+(\.\d+)*[.)]|[a-zđ]\)|[-–•+]\s|[IVXLC]+\.\s|chương\s|điều\s+\d|mục\s+\d|phần\s|căn cứ\s|theo đề nghị\s|số\s*:|(luật|nghị quyết) số\s*:)/i;
/** Header lines that end their line whatever its length: nothing continues the national motto. */
const ENDS_ITS_LINE = /^độc lập\s*[-–]\s*tự do/i;

export interface CleanOptions {
  /** Text whose line breaks are visual (PDF): join every line that does not start a new unit. */
  hardWrapped?: boolean;
}

/** Zero-width characters (dropped) and the other spaces (made plain): one pass, the two sets share no character. */
const INVISIBLE_OR_SPACE = /[\u200B-\u200D\u2060\uFEFF\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
const ZERO_WIDTH = "\u200B\u200C\u200D\u2060\uFEFF";

export function normalizeUnicode(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE_OR_SPACE, (c) => (ZERO_WIDTH.includes(c) ? "" : " "));
}

/** Characters that markdown emphasis, links, headings, escapes and table pipes need: without them, no work. */
const MARKDOWN_CHARS = /[#![*_\\|]/;

export function stripMarkdown(line: string): string {
  if (!MARKDOWN_CHARS.test(line)) return line;
  return line
    .replace(/^#{1,6}\s+/, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\*\s+(?=\S)/, "- ")
    .replace(/\*+/g, "")
    .replace(/(^|\s)_{1,2}(\S[^_]*?\S|\S)_{1,2}(?=\s|[.,;:!?)]|$)/g, "$1$2")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .replace(/\s*\|\s*$/, "");
}

/** Chrome that can stand anywhere in a line, as plain lowercase text: a substring test, not a regex scan. */
const BOILERPLATE_PHRASES = ["click để đánh giá", "trạng thái đăng nhập", "đăng nhập để", "bạn đã không sử dụng site"];

/** The chrome lines as one regex: one test per line instead of seven. */
const ANY_BOILERPLATE_LINE = new RegExp(BOILERPLATE_LINE.map((re) => `(?:${re.source})`).join("|"), "i");

function isBoilerplate(line: string): boolean {
  if (ANY_BOILERPLATE_LINE.test(line)) return true;
  if (!line.includes("lick") && !line.includes("ăng nhập") && !line.includes("site")) return false;
  const lower = line.toLowerCase();
  return BOILERPLATE_PHRASES.some((p) => lower.includes(p));
}

/** Header lines ("CỦA BAN THƯỜNG VỤ TỈNH ỦY") are set in capitals; a lowercase line under one starts a new unit. */
export function isAllCaps(line: string): boolean {
  // One pass over the characters, no strings made: the parsers ask this of most lines, some many times over.
  let upper = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const kind = c < CASE_OF.length ? CASE_OF[c]! : UNKNOWN;
    if (kind === LOWER) return false;
    if (kind === UPPER) upper = true;
    else if (kind === UNKNOWN) return isAllCapsMapped(line);
  }
  return upper && hasTwoLetters(line);
}

/** The whole-line test, for characters the table below does not know. */
function isAllCapsMapped(line: string): boolean {
  if (ASCII_LOWER.test(line)) return false;
  // Case mapping leaves everything but letters alone, so the line itself can be compared: no regex per call.
  if (line !== line.toUpperCase() || line === line.toLowerCase()) return false;
  return hasTwoLetters(line);
}
const ASCII_LOWER = /[a-z]/;

const UNKNOWN = 0;
const UPPER = 1;
const LOWER = 2;
const CASELESS = 3;
/**
 * Case of each character up to the end of General Punctuation (Latin, Vietnamese, dashes and quotes), taken from
 * the case mapping the whole-line test uses, which maps a line character by character: upper when only lowercasing
 * changes it, lower when only uppercasing does, caseless when neither does. A character both change (a titlecase
 * letter) and all beyond the table are left to the whole-line test.
 */
const CASE_OF = (() => {
  const table = new Uint8Array(0x2100);
  for (let c = 0; c < table.length; c++) {
    const ch = String.fromCharCode(c);
    const up = ch.toUpperCase() !== ch;
    const down = ch.toLowerCase() !== ch;
    table[c] = up ? (down ? UNKNOWN : LOWER) : down ? UPPER : CASELESS;
  }
  return table;
})();

// Tested on the last character only: a regex ending in `$` would be tried at every position of a long paragraph.
const TERMINAL = '.!?;:…"”)';
const SENTENCE_END = ".!?…";
const endsWithOneOf = (s: string, chars: string) => s.length > 0 && chars.includes(s[s.length - 1]!);
/**
 * A PDF line this close to the document's full line length was wrapped by the layout; a shorter one was ended
 * by the writer ("Số 05-CT/TU", the last line of a paragraph). Vietnamese syllables are short, so a wrapped
 * line falls short of the full length by a few characters at most.
 */
const FULL_LINE_SHARE = 0.75;

/** Length of a full line of body text: the 90th percentile, so that a few stray long lines do not set it. */
function fullLineLength(lines: readonly string[]): number {
  // A histogram instead of a sort: files run to hundreds of thousands of lines.
  const counts = new Uint32Array(LENGTH_CAP + 1);
  let n = 0;
  for (const l of lines) {
    // Table cells and headings are short: a full line is told among the lines that could be one.
    if (l.length < MIN_FULL) continue;
    counts[Math.min(l.length, LENGTH_CAP)]!++;
    n++;
  }
  if (n === 0) return 0;
  const rank = Math.floor(n * 0.9);
  let seen = 0;
  for (let len = 0; len <= LENGTH_CAP; len++) {
    seen += counts[len]!;
    if (seen > rank) return len;
  }
  return LENGTH_CAP;
}
/** Lines longer than this count as this long: only the short end of the distribution decides anything. */
const LENGTH_CAP = 4096;
const MIN_FULL = 30;

/**
 * A text file whose line breaks are visual, as text extracted from a PDF is: most lines come close to one full
 * length, short enough to be a printed line. Hand-typed files have one long line per paragraph.
 */
export function looksHardWrapped(lines: readonly string[], full = fullLineLength(lines)): boolean {
  if (full === 0 || full > HARD_WRAP_MAX) return false;
  let nonBlank = 0;
  let nearFull = 0;
  for (const l of lines) {
    if (l === "") continue;
    nonBlank++;
    if (l.length >= full * FULL_LINE_SHARE) nearFull++;
  }
  return nonBlank >= HARD_WRAP_MIN_LINES && nearFull >= nonBlank * HARD_WRAP_SHARE;
}
const HARD_WRAP_MAX = 130;
const HARD_WRAP_MIN_LINES = 40;
const HARD_WRAP_SHARE = 0.25;

/** A footnote mark glued to a heading in capitals: "THÔNG TƯ1", "ĐIỀU KHOẢN THI HÀNH15". */
const FOOTNOTE_MARK = /^([^/\d]*\p{Lu}{2})\d{1,3}$/u;
/** A word broken at the line end by a hyphen: "thông-" + "tin" (never " - ", which is a dash). */
const HYPHENATED = /\p{L}-$/u;
const hyphenated = (s: string) => s.endsWith("-") && HYPHENATED.test(s);

/** Spacing is made single over the whole text at once; a line only needs its ends trimmed. */
function tidyLine(line: string): string {
  const l = stripMarkdown(line.trim()).trim();
  const last = l.charCodeAt(l.length - 1);
  if (last < 48 || last > 57) return l;
  const mark = FOOTNOTE_MARK.exec(l);
  return mark && isAllCaps(l) ? mark[1]! : l;
}

/** Returns the cleaned paragraphs, one per array element; empty and chrome lines removed. */
export function cleanText(raw: string, options: CleanOptions = {}): string[] {
  const { lines, furnitureRemoved } = tidyLines(raw);
  const full = fullLineLength(lines);
  const hardWrapped = options.hardWrapped ?? (furnitureRemoved || looksHardWrapped(lines, full));
  const p: Paragraphs = {
    out: [],
    hardWrapped,
    fullLength: hardWrapped ? full : 0,
    blankBefore: true,
    prevLine: "",
    captionFrom: null,
    tail: "",
    prevCaps: false,
  };
  for (const line of lines) {
    if (line === "" || /^[*\-_=~.–—]{1,}$/.test(line)) {
      p.blankBefore = true;
      continue;
    }
    if (WEB_TAIL.test(line)) break;
    dropCaption(p, line);
    if (isBoilerplate(line)) continue;
    addLine(p, line);
  }
  return p.out;
}

/**
 * Runs of spaces, tabs and vertical tabs as one space. Most texts have no tab: a run of plain spaces is then one
 * literal the regex engine finds twice as fast as the class, and the two tab tests cost a tenth of either scan.
 */
function singleSpaced(text: string): string {
  if (text.includes("\t") || text.includes("\v")) return text.replace(/[ \t\v]{2,}|\t|\v/g, " ");
  return text.replace(/ {2,}/g, " ");
}

/** The text's lines, single-spaced, without page furniture, each tidied; whether furniture was removed. */
function tidyLines(raw: string): { lines: string[]; furnitureRemoved: boolean } {
  let text = singleSpaced(normalizeUnicode(raw));
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.includes(PAGE_BREAK)) text = text.replace(/\f/g, `\n${PAGE_BREAK}\n`);
  const rawLines = text.split("\n");
  const kept = removePageFurniture(rawLines);
  return { lines: kept.map(tidyLine), furnitureRemoved: kept.length < rawLines.length };
}

/** The paragraphs made so far, and what the lines before tell about the next one. */
interface Paragraphs {
  out: string[];
  hardWrapped: boolean;
  /** A full line's length when the text is hard-wrapped, else 0. */
  fullLength: number;
  // A blank line before a line matters only for PDFs: it is a real paragraph break there.
  blankBefore: boolean;
  /** The previous physical line, before joining: its length tells a layout wrap from a paragraph end. */
  prevLine: string;
  /** Where the text after an image marker starts in `out`: up to its photo credit it is the picture's caption. */
  captionFrom: number | null;
  // The last paragraph's end and whether it is a heading in capitals, kept aside: testing the growing
  // paragraph itself on every line would make long paragraphs quadratic.
  tail: string;
  prevCaps: boolean;
}

/** A photo credit close after an image marker ends a caption: the caption goes. */
function dropCaption(p: Paragraphs, line: string): void {
  if (PHOTO_CREDIT.test(line) && p.captionFrom !== null && p.out.length - p.captionFrom <= 2) {
    p.out.splice(p.captionFrom);
    p.tail = p.out[p.out.length - 1] ?? "";
    p.prevCaps = isAllCaps(p.tail);
  }
  if (IMAGE_MARK.test(line)) p.captionFrom = p.out.length;
  else if (p.captionFrom !== null && p.out.length - p.captionFrom > 2) p.captionFrom = null;
}

/** Joins the line to the paragraph it continues (a wrap, a lowercase continuation), or starts a new one. */
function addLine(p: Paragraphs, line: string): void {
  const { out, tail } = p;
  const prev = out[out.length - 1];
  // In a PDF a full line ending in ";" or ":" is still wrapped mid-paragraph; a short one ends its paragraph.
  const wrapped =
    p.hardWrapped &&
    !p.blankBefore &&
    p.prevLine.length >= p.fullLength * FULL_LINE_SHARE &&
    !endsWithOneOf(tail, SENTENCE_END);
  const continues =
    prev !== undefined &&
    !p.prevCaps &&
    !STRUCTURE_START.test(line) &&
    ((startsLower(line) && !endsWithOneOf(tail, TERMINAL)) || wrapped);
  if (continues) {
    out[out.length - 1] =
      p.hardWrapped && hyphenated(tail) && startsLower(line) ? `${prev.slice(0, -1)}${line}` : `${prev} ${line}`;
    p.prevCaps = false;
  } else {
    out.push(line);
    p.prevCaps = isAllCaps(line) || ENDS_ITS_LINE.test(line);
  }
  p.tail = line;
  p.blankBefore = false;
  p.prevLine = line;
}

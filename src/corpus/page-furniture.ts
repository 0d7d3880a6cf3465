/**
 * Page furniture: what a printed page carries around the document's own text. Running headers and footers
 * ("CÔNG BÁO/Số 237/Ngày 21-04-2026") are found by repetition, page after page, with only their numbers
 * changing; page numbers stand alone on a line beside them; e-signature stamps are blocks of labelled lines.
 * Removing a page's furniture also removes the page break, so a paragraph cut by it reads whole again.
 */

import { hasLetter } from "./letters.ts";

/** Form feed: the page break that the PDF reader puts between pages. */
export const PAGE_BREAK = "\f";

const PAGE_NUMBER = /^(?:(?:trang|page)\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*\/\s*\d{1,4})?$/iu;
/** First line of an e-signature stamp; the labelled lines after it belong to the stamp. */
const STAMP_START = /^(ký bởi|người ký|signed by)\s*:/iu;
const STAMP_LINE = /^(ký bởi|người ký|cơ quan|tổ chức|email|e-mail|ngày ký|thời gian ký|signed by|date|chức vụ)\s*:/iu;
/** A signing time with its zone ("2026-04-21 14:20:47 +07:00") marks a stamp line even without its label. */
const STAMP_TIME =
  /(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{4})[ T]\d{2}:\d{2}(:\d{2})?\s*[+-]\d{2}:?\d{2}\s*$/u;
/** A stamp field's value wrapped onto a line of its own ("Cổng Thông tin điện tử Chính" ⏎ "phủ"). */
const STAMP_WRAP_MAX = 24;
/** Lines this long are text, not a header. */
const HEADER_MAX = 120;
/** A running header seen only once or twice is accepted only this short. */
const SHORT_HEADER_MAX = 80;
/** How many times a line's shape must recur to count as a running header or footer. */
const MIN_REPEATS = 3;
/** How far (in non-blank lines) from a page number or a page edge a running header may stand. */
const NEAR = 2;

/** The line with every number made alike: a running header's shape stays the same from page to page. */
function shapeOf(line: string): string {
  return line.replace(DIGITS, "#").trim();
}

/** Blank as `trim` sees it; a line that starts with a printable ASCII character is not, and needs no trim. */
function isBlank(line: string): boolean {
  const c = line.charCodeAt(0);
  return !(c > 32 && c < 0x80) && line.trim() === "";
}
const HAS_DIGIT = /\d/;
const DIGITS = /\d+/g;

/**
 * Which lines are a number alone (PAGE_NUMBER), tested once per line: the page-number checks ask about each line
 * and its two neighbours many times over (every line of a recurring shape, every line beside it).
 */
function numberLines(lines: readonly string[]): Uint8Array {
  const flags = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) if (PAGE_NUMBER.test(lines[i]!.trim())) flags[i] = 1;
  return flags;
}

/** Indices of the non-blank lines within `NEAR` of index `i`, both sides. */
function neighbours(lines: readonly string[], i: number): number[] {
  const out: number[] = [];
  for (const step of [-1, 1]) {
    let seen = 0;
    for (let j = i + step; j >= 0 && j < lines.length && seen < NEAR; j += step) {
      if (lines[j] === PAGE_BREAK) break;
      if (isBlank(lines[j]!)) continue;
      out.push(j);
      seen++;
    }
  }
  return out;
}

/** True when line `i` is among the first or last `NEAR` non-blank lines of its page (pages end at PAGE_BREAK). */
function atPageEdge(lines: readonly string[], i: number): boolean {
  for (const step of [-1, 1]) {
    let seen = 0;
    let j = i + step;
    for (; j >= 0 && j < lines.length && lines[j] !== PAGE_BREAK; j += step) {
      if (!isBlank(lines[j]!)) seen++;
      if (seen >= NEAR) break;
    }
    if (seen < NEAR && (j < 0 || j >= lines.length || lines[j] === PAGE_BREAK)) return true;
  }
  return false;
}

/** Cheap test before STAMP_TIME, which would otherwise be tried at every position of every line. */
function endsInZone(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  if (last < 48 || last > 57) return false;
  const zone = line.slice(-7, -3);
  return zone.includes("+") || zone.includes("-");
}

/** A short line without a field name between two stamp fields is the first field's value, wrapped. */
function wrapsStampField(lines: readonly string[], j: number): boolean {
  const line = lines[j]!.trim();
  const after = lines[j + 1]?.trim() ?? "";
  return line.length <= STAMP_WRAP_MAX && !line.includes(":") && STAMP_LINE.test(after);
}

/** Marks the e-signature stamp blocks. */
function markStamps(lines: readonly string[], drop: Uint8Array): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length < HEADER_MAX && endsInZone(line) && STAMP_TIME.test(line)) drop[i] = 1;
    if (line.length === 0 || !STAMP_START.test(line)) continue;
    drop[i] = 1;
    for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
      const next = lines[j]!.trim();
      if (next === "") continue;
      if (!STAMP_LINE.test(next) && !STAMP_TIME.test(next) && !wrapsStampField(lines, j)) break;
      drop[j] = 1;
    }
  }
}

/**
 * Marks running headers/footers: short lines whose shape recurs at least `MIN_REPEATS` times, most often next
 * to a page number or at a page edge. Lines that repeat without that (a form's "Mẫu số 01" headings) stay.
 */
function markRunningHeaders(lines: readonly string[], drop: Uint8Array, hasPages: boolean, numbers: Uint8Array): void {
  const byShape = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > HEADER_MAX || isBlank(line) || line === PAGE_BREAK || numbers[i] === 1) continue;
    // Without page breaks, a running header is told by its changing number: lines without a digit can't be one.
    if (!hasPages && !HAS_DIGIT.test(line)) continue;
    if (!hasLetter(line)) continue;
    const key = shapeOf(line);
    const list = byShape.get(key);
    if (list) list.push(i);
    else byShape.set(key, [i]);
  }
  const besideNumber = (i: number) => neighbours(lines, i).some((j) => isPageNumber(numbers, j));
  for (const [shape, positions] of byShape) {
    if (positions.length >= MIN_REPEATS) {
      const framed = positions.filter((i) => (hasPages && atPageEdge(lines, i)) || besideNumber(i));
      if (framed.length * 2 >= positions.length) for (const i of positions) drop[i] = 1;
      continue;
    }
    // A document of a page or two shows its running header too few times to repeat: a numbered line beside
    // a page number at the text's (or a page's) top or bottom is one all the same.
    // It carries an issue number and a date ("CÔNG BÁO/Số 237/Ngày 21-04-2026"), and is no numbered item.
    if (shape.length > SHORT_HEADER_MAX || !hasTwoNumbers(shape) || /^#\s*[.)]/u.test(shape)) continue;
    if (positions.every((i) => besideNumber(i) && (positions.length > 1 || atPageEdge(lines, i)))) {
      for (const i of positions) drop[i] = 1;
    }
  }
}

/** Two "#" in a shape: two numbers (an issue's and a date's) where the line had them. No array per shape. */
function hasTwoNumbers(shape: string): boolean {
  const first = shape.indexOf("#");
  return first >= 0 && shape.indexOf("#", first + 1) >= 0;
}

/** A number alone on its line, not in a run of them: a column of a table's cells is no page number. */
function isPageNumber(numbers: Uint8Array, i: number): boolean {
  return numbers[i] === 1 && numbers[i - 1] !== 1 && numbers[i + 1] !== 1;
}

/** Marks page numbers: a number alone on a line beside a running header, or alone at a page edge. */
function markPageNumbers(lines: readonly string[], drop: Uint8Array, hasPages: boolean, numbers: Uint8Array): void {
  for (let i = 0; i < lines.length; i++) {
    if (!isPageNumber(numbers, i)) continue;
    const framed = neighbours(lines, i).some((j) => drop[j] === 1) || (hasPages && atPageEdge(lines, i));
    if (framed) drop[i] = 1;
  }
}

/**
 * Removes page furniture from raw lines (page breaks as PAGE_BREAK lines). The blank lines around what was
 * removed go too: a page break is not a paragraph break.
 */
export function removePageFurniture(lines: readonly string[]): string[] {
  const drop = new Uint8Array(lines.length);
  const hasPages = lines.includes(PAGE_BREAK);
  const numbers = numberLines(lines);
  markStamps(lines, drop);
  markRunningHeaders(lines, drop, hasPages, numbers);
  markPageNumbers(lines, drop, hasPages, numbers);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (drop[i] !== 1 && lines[i] !== PAGE_BREAK) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    // A run of furniture, page breaks and blanks: drop it with the blanks that lead into it.
    let j = i;
    while (j < lines.length && (drop[j] === 1 || lines[j] === PAGE_BREAK || isBlank(lines[j]!))) j++;
    while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
    i = j;
  }
  return out;
}

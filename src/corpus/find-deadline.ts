import { anchoredMatches } from "./anchored-matches.ts";
import type { Deadline } from "./types.ts";

/**
 * Deadlines a directive item sets. Dated ones ("trước ngày 30/9/2022", "chậm nhất ngày 15/10", "trong tháng
 * 10/2022") become ISO dates; relative and recurring ones ("trong vòng 48 giờ kể từ …", "hằng tuần", "định kỳ
 * hằng tháng") keep only their words. A bare date ("Công văn số 571-CV/TU ngày 22/7/2021") is a citation, not a
 * deadline: only the words that set a limit count.
 */

const DAY_MONTH_YEAR = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?`;
const DAY_WORDS = String.raw`ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`;
const HOUR = String.raw`(?:(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút|')?)?)\s*,?\s*)?`;
/** "trước ngày 30/9/2022", "chậm nhất là ngày 15/10", "trước 17 giờ ngày 30/9/2022", "hạn chót 30/9". */
const BY_DATE = new RegExp(
  String.raw`(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?(?:\s+trước)?|hạn chót(?:\s+là)?|không muộn hơn|` +
    String.raw`hạn(?:\s+báo cáo)?(?:\s+là)?)\s+${HOUR}(?:ngày\s+)?(?:${DAY_MONTH_YEAR}|${DAY_WORDS})(?![\d/])`,
  "giu",
);
const BY_DATE_STICKY = new RegExp(BY_DATE.source, "yiu");
/** BY_DATE's first words: a match starts on one (anchored-matches.ts), with no scan for the gate and one for it. */
const BY_DATE_ANCHOR = /trước|chậm|hạn|không/giu;
/** "trong tháng 10/2022", "trong tháng 10 năm 2022", "trước tháng 12/2022". */
const IN_MONTH = /(trong|trước|hết|cuối)\s+tháng\s+(\d{1,2})(?:\s*[/-]\s*|\s+năm\s+)(\d{4})/giu;
/** "trong quý III/2022", "trong quý 4 năm 2022". */
const IN_QUARTER = /(trong|trước|hết|cuối)\s+quý\s+(I{1,3}|IV|[1-4])(?:\s*[/-]\s*|\s+năm\s+)(\d{4})/giu;
/** "trong vòng 48 giờ kể từ khi …", "trong thời hạn 05 ngày làm việc kể từ ngày nhận được …". */
const WITHIN =
  /trong(?:\s+vòng|\s+thời\s+hạn|\s+thời\s+gian)?\s+(?:\d+|một|hai|ba|năm|mười)\s+(?:giờ|ngày(?:\s+làm\s+việc)?|tuần|tháng)(?:\s+(?:kể\s+từ|sau\s+khi|từ)\s+[^,;.]{1,80})?/giu;
/** "định kỳ hằng tháng", "báo cáo hằng tuần", "trước ngày 25 hằng tháng". */
const RECURRING =
  /(?:định\s+kỳ\s+)?(?:trước\s+ngày\s+\d{1,2}\s+)?(?:hằng|hàng)\s+(ngày|tuần|tháng|quý|năm)|định\s+kỳ\s+(?:\d+\s+)?(?:ngày|tuần|tháng|quý|năm)/giu;
const RECURRING_STICKY = new RegExp(RECURRING.source, "yiu");
/**
 * Every match of RECURRING ends in "hằng|hàng <unit>" (the words before it at most RECURRING_WORDS: "định kỳ
 * trước ngày N") or starts with "định kỳ": those, rare, are found first (anchored-matches.ts). RECURRING itself,
 * opening on optional words, is tried at every "t", "h" and "đ" of the text.
 */
const RECURRING_ANCHOR = /(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)|định\s+kỳ/giu;
const RECURRING_WORDS = 5;
/** Recurring words mean a deadline only beside reporting or checking ("sinh hoạt hằng ngày" is no deadline). */
const RECURRING_DUTY = /báo cáo|tổng hợp|cập nhật|giao ban|kiểm tra|rà soát|định kỳ|gửi/iu;
/**
 * Necessary conditions of the patterns above, tested first: most passages set no deadline, and each full pattern
 * (case-insensitive over Unicode) costs a scan of its own. Every dated pattern needs a digit, IN_MONTH and
 * IN_QUARTER their words before "tháng" or "quý"; WITHIN needs "trong" (BY_DATE and RECURRING are found from
 * their anchor words, above). Same flags as the patterns they guard, so no match is lost.
 */
const HAS_DIGIT = /\d/;
const MAY_BE_IN = /(?:trong|trước|hết|cuối)\s+(?:tháng|quý)/iu;
const MAY_BE_WITHIN = /trong/iu;
const QUARTERS: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A year a date leaves out is the document's own; without a document date the day stays unknown. */
function yearOf(given: string | undefined, docDate: string | null): number | null {
  if (given) return Number(given);
  return docDate ? Number(docDate.slice(0, 4)) : null;
}

interface Found extends Deadline {
  at: number;
}

function datedBy(text: string, docDate: string | null, out: Found[]): void {
  for (const m of anchoredMatches(text, BY_DATE_ANCHOR, BY_DATE_STICKY, 0)) {
    const day = Number(m[1] ?? m[4]);
    const month = Number(m[2] ?? m[5]);
    const year = yearOf(m[3] ?? m[6], docDate);
    out.push({ date: year ? iso(year, month, day) : null, text: m[0].trim(), at: m.index });
  }
}

function datedDeadlines(text: string, docDate: string | null): Found[] {
  const out: Found[] = [];
  if (!HAS_DIGIT.test(text)) return out;
  datedBy(text, docDate, out);
  if (!MAY_BE_IN.test(text)) return out;
  for (const m of text.matchAll(IN_MONTH)) {
    const year = Number(m[3]);
    const month = Number(m[2]);
    out.push({
      date: month >= 1 && month <= 12 ? iso(year, month, lastDay(year, month)) : null,
      text: m[0],
      at: m.index,
    });
  }
  for (const m of text.matchAll(IN_QUARTER)) {
    const q = QUARTERS[m[2]!.toUpperCase()]!;
    const year = Number(m[3]);
    out.push({ date: iso(year, q * 3, lastDay(year, q * 3)), text: m[0], at: m.index });
  }
  return out;
}

function openDeadlines(text: string): Found[] {
  const out: Found[] = [];
  if (MAY_BE_WITHIN.test(text))
    for (const m of text.matchAll(WITHIN)) out.push({ date: null, text: m[0].trim(), at: m.index });
  for (const m of anchoredMatches(text, RECURRING_ANCHOR, RECURRING_STICKY, RECURRING_WORDS)) {
    const clause = text.slice(
      Math.max(0, text.lastIndexOf(";", m.index) + 1, text.lastIndexOf(".", m.index) + 1),
      m.index + m[0].length + 40,
    );
    if (RECURRING_DUTY.test(clause)) out.push({ date: null, text: m[0].trim(), at: m.index });
  }
  return out;
}

/**
 * Every deadline the text sets: dated ones first, earliest first, then relative and recurring ones in text order.
 * `docDate` (ISO) completes dates written without a year ("trước ngày 30/9").
 */
export function findDeadlines(text: string, docDate: string | null = null): Deadline[] {
  const dated = datedDeadlines(text, docDate);
  const open = openDeadlines(text).filter((o) => !dated.some((d) => o.at >= d.at && o.at < d.at + d.text.length));
  dated.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || a.at - b.at);
  open.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: Deadline[] = [];
  for (const { date, text: words } of [...dated, ...open]) {
    const key = `${date}|${words.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ date, text: words });
  }
  return out;
}

/** The one deadline an answer shows: the earliest dated one, else the first relative or recurring one. */
export function findDeadline(text: string, docDate: string | null = null): Deadline | null {
  return findDeadlines(text, docDate)[0] ?? null;
}

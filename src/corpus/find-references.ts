import { anchoredMatches } from "./anchored-matches.ts";
import type { DocumentRef } from "./types.ts";

/**
 * Other documents a text names ("Công văn số 571-CV/TU ngày 22/7/2021", "Chỉ thị 16/CT-TTg") and which of them
 * it replaces or annuls ("Công văn này thay thế Công văn số 215-CV/HU …", "bãi bỏ …", "… hết hiệu lực").
 * Pure; resolving a reference to a corpus document is link-documents.ts's job.
 */

const TYPES = [
  "Công văn",
  "Chỉ thị",
  "Quyết định",
  "Thông báo",
  "Kế hoạch",
  "Nghị quyết",
  "Hướng dẫn",
  "Công điện",
  "Kết luận",
  "Thông tư",
  "Nghị định",
  "Quy định",
  "Quy chế",
  "Báo cáo",
  "Thông tri",
  "Luật",
  "Pháp lệnh",
];
const NUMBER = String.raw`\d+(?:[/-][\p{L}\p{N}]+)+`;
const DATE = String.raw`(?:\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?`;
/**
 * A reference is `(?:(TYPE)\s+)?(?:số\s+)?(NUMBER)DATE` (case-insensitive), but found from its number: a regex
 * that opens with optional words is tried at every position of the text, the costliest pass of the linker.
 */
const NUMBER_AT = new RegExp(NUMBER, "giu");
const DATE_AFTER = new RegExp(DATE, "iyu");
const WORDS_BEFORE = new RegExp(String.raw`(?:(${TYPES.join("|")})\s+)?(?:số\s+)?$`, "iu");
const LONGEST_TYPE = Math.max(...TYPES.map((t) => t.length));
const SPACE = /\s/u;
/** A letter cited by type and date only, its number left blank: "Công văn số -CV/HU ngày 25/7/2021". */
const DATED_REF_SOURCE = String.raw`(${TYPES.join("|")})(?:\s+số)?(?:\s+[-–][\p{L}/-]*)?\s+ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const DATED_REF = new RegExp(DATED_REF_SOURCE, "yiu");
/** DATED_REF's date, which ends every match of it; a regex that opens on "ngày" is tried at few positions. */
const REF_DATE = /ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/giu;
/** Words (runs without white space) DATED_REF can hold before its "ngày": a type's two, "số", a blank number. */
const DATED_REF_WORDS = 4;

export interface FoundRef extends Omit<DocumentRef, "docId"> {
  start: number;
  end: number;
}

function isoDate(d?: string, m?: string, y?: string): string | null {
  if (!d || !m || !y) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

const canonicalType = (t: string | undefined) =>
  t ? (TYPES.find((x) => x.toLowerCase() === t.toLowerCase()) ?? t) : null;

/**
 * The last text read, in NFC, and what it names: the linker asks for a document's references and then for its
 * supersessions, which need the same references again (a quarter of the per-file linking time at 20 MB).
 */
let last: { text: string; nfc: string; refs: readonly FoundRef[] } | null = null;

/** Every document number the text names, in order, with the type and date written beside it. */
export function findReferences(text: string): FoundRef[] {
  return scanned(text).refs.map((r) => ({ ...r }));
}

function scanned(text: string): { text: string; nfc: string; refs: readonly FoundRef[] } {
  if (last?.text !== text) {
    const nfc = text.normalize("NFC");
    last = { text, nfc, refs: scanReferences(nfc) };
  }
  return last;
}

function scanReferences(t: string): FoundRef[] {
  const out: FoundRef[] = [];
  for (const m of referenceMatches(t)) {
    // A number needs letters: "30/9/2022" is a date, "146-CV/TU" a document.
    if (!/\p{L}/u.test(m[2]!)) continue;
    out.push({
      type: canonicalType(m[1]),
      number: m[2]!,
      date: isoDate(m[3], m[4], m[5]),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of datedRefMatches(t)) {
    const end = m.index + m[0].length;
    if (out.some((r) => r.start < end && m.index < r.end)) continue;
    out.push({ type: canonicalType(m[1]), number: null, date: isoDate(m[2], m[3], m[4]), start: m.index, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * What `t.matchAll` of DATED_REF with the "g" flag gives, found from its dates (anchored-matches.ts): a regex
 * that opens on seventeen case-insensitive types is tried at nearly every position of the text, the costliest
 * regex of a load. A match ends in the date after its "ngày" and starts at most DATED_REF_WORDS words before it.
 */
const datedRefMatches = (t: string) => anchoredMatches(t, REF_DATE, DATED_REF, DATED_REF_WORDS);

/** A reference's match: [whole, type, number, day, month, year], at `index`. */
type RefMatch = { index: number; 0: string; 1?: string; 2: string; 3?: string; 4?: string; 5?: string };

/**
 * What matching the whole reference pattern from left to right gives: its leftmost match always ends in the first
 * number after the last match (the words before a number hold no digit), with all the words before it that reach it.
 */
function* referenceMatches(t: string): Generator<RefMatch> {
  let from = 0;
  NUMBER_AT.lastIndex = 0;
  for (let n = NUMBER_AT.exec(t); n; n = NUMBER_AT.exec(t)) {
    const windowStart = wordsWindow(t, n.index, from);
    const words = WORDS_BEFORE.exec(t.slice(windowStart, n.index))!;
    DATE_AFTER.lastIndex = n.index + n[0].length;
    const date = DATE_AFTER.exec(t)!;
    const index = windowStart + words.index;
    from = DATE_AFTER.lastIndex;
    NUMBER_AT.lastIndex = from;
    yield { index, 0: t.slice(index, from), 1: words[1], 2: n[0], 3: date[1], 4: date[2], 5: date[3] };
  }
}

/**
 * Where the words before the number at `at` can start at the earliest (never before `from`): back over spaces,
 * "số", spaces again and the longest type. Wider than the words themselves, never narrower.
 */
function wordsWindow(t: string, at: number, from: number): number {
  let k = at;
  while (k > from && SPACE.test(t[k - 1]!)) k--;
  k = Math.max(from, k - 2);
  while (k > from && SPACE.test(t[k - 1]!)) k--;
  return Math.max(from, k - LONGEST_TYPE);
}

export type SupersessionVerb = "thay thế" | "bãi bỏ" | "hết hiệu lực";

export interface Supersession {
  verb: SupersessionVerb;
  ref: Omit<DocumentRef, "docId">;
}

/** "X thay thế Y", "bãi bỏ Y": the documents after the verb; "Y hết hiệu lực", "Y được thay thế": before it. */
const ACTIVE = /(thay thế|bãi bỏ|hủy bỏ|huỷ bỏ)(?!\p{L})/giu;
/** What makes an ACTIVE verb passive ("được thay thế", "bị bãi bỏ"), tested on the 5 characters before it. */
const PASSIVE_MARK = /(?:được |bị )$/iu;
/** "hết hiệu lực", "không còn hiệu lực": found from "hiệu lực", one literal, six times cheaper than the phrases. */
const IN_FORCE = /hiệu lực(?!\p{L})/giu;
const NO_LONGER = /(?:hết|không còn) $/iu;
const LETTER = /\p{L}/u;

/** Whether a letter stands right before `at` (`(?<!\p{L})` fails there). */
function letterBefore(t: string, at: number): boolean {
  if (at === 0) return false;
  const before = t.codePointAt(at - 1)!;
  // A low surrogate's letter is the code point that starts at the high one.
  const point = before >= 0xdc00 && before <= 0xdfff && at > 1 ? t.codePointAt(at - 2)! : before;
  return LETTER.test(String.fromCodePoint(point));
}

/** A supersession verb found: where its words start and end, and the words ("bị bãi bỏ", "hết hiệu lực"). */
interface VerbAt {
  at: number;
  end: number;
  words: string;
}

/**
 * The active verbs ("thay thế Y") and the passive ones ("Y được thay thế", "Y hết hiệu lực") of a text, each where no
 * letter comes before it, passive ones in text order. One scan for the verbs serves both voices; a leading
 * `(?<!\p{L})` or an alternation of the passive phrases would be tried at every position of the text.
 */
function supersessionVerbs(t: string): { active: VerbAt[]; passive: VerbAt[] } {
  const active: VerbAt[] = [];
  const passive: VerbAt[] = [];
  ACTIVE.lastIndex = 0;
  for (let m = ACTIVE.exec(t); m; m = ACTIVE.exec(t)) {
    if (letterBefore(t, m.index)) continue;
    const end = m.index + m[0].length;
    const mark = PASSIVE_MARK.exec(t.slice(Math.max(0, m.index - 5), m.index))?.[0];
    if (!mark) active.push({ at: m.index, end, words: m[1]! });
    else if (!letterBefore(t, m.index - mark.length))
      passive.push({ at: m.index - mark.length, end, words: t.slice(m.index - mark.length, end) });
  }
  IN_FORCE.lastIndex = 0;
  for (let m = IN_FORCE.exec(t); m; m = IN_FORCE.exec(t)) {
    const lead = NO_LONGER.exec(t.slice(Math.max(0, m.index - 10), m.index))?.[0];
    if (!lead || letterBefore(t, m.index - lead.length)) continue;
    const at = m.index - lead.length;
    passive.push({ at, end: m.index + m[0].length, words: t.slice(at, m.index + m[0].length) });
  }
  passive.sort((a, b) => a.at - b.at);
  return { active, passive };
}
/** Between the verb and the first document: "thay thế toàn bộ nội dung", "bãi bỏ các văn bản sau:". */
const LEAD = /^[\s:,(]*(?:(?:toàn bộ|các|những|nội dung|văn bản|sau|đây)[\s:,]*)*$/iu;
/** Between two documents of one list: ", ", " và ", with the first one's date and issuer in between. */
const LIST_GAP = /^(?:\s+của\s+[^;.]{0,160}?)?\s*(?:,|;|và|,\s*và)\s*$/iu;

const verbOf = (word: string): SupersessionVerb => {
  const w = word.toLowerCase();
  if (w.includes("hiệu lực")) return "hết hiệu lực";
  return w.includes("thay thế") ? "thay thế" : "bãi bỏ";
};

/** The clause (between sentence ends) around `at`. */
function clauseBounds(text: string, at: number): [number, number] {
  const before = text.slice(0, at);
  const start =
    Math.max(before.lastIndexOf(". "), before.lastIndexOf(".\n"), before.lastIndexOf(";"), before.lastIndexOf("\n")) +
    1;
  const after = text.slice(at).search(/\.(\s|$)|;|\n/);
  return [start, after < 0 ? text.length : at + after];
}

/** Documents this text says it replaces or annuls. `ownNumber` (the document's own) is never its own target. */
export function findSupersessions(text: string, ownNumber: string | null = null): Supersession[] {
  const { nfc: t } = scanned(text);
  const refs = findReferences(text).filter((r) => ownNumber === null || r.number !== ownNumber);
  const out: Supersession[] = [];
  const add = (verb: SupersessionVerb, r: FoundRef) => {
    if (!out.some((o) => o.ref.number === r.number && o.ref.date === r.date))
      out.push({ verb, ref: { type: r.type, number: r.number, date: r.date } });
  };
  const { active, passive } = supersessionVerbs(t);
  for (const v of active) {
    const [, end] = clauseBounds(t, v.at);
    let at = v.end;
    let first = true;
    for (const r of refs) {
      if (r.start < at || r.start > end) continue;
      if (!(first ? LEAD : LIST_GAP).test(t.slice(at, r.start))) break;
      add(verbOf(v.words), r);
      at = r.end;
      first = false;
    }
  }
  for (const v of passive) {
    const [start] = clauseBounds(t, v.at);
    // "Công văn số 215-CV/HU ngày 1/7/2021 của Ban Thường vụ Huyện ủy hết hiệu lực": the clause's documents.
    for (const r of refs) if (r.start >= start && r.end <= v.at) add(verbOf(v.words), r);
  }
  return out;
}

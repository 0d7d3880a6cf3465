import { fold } from "./normalize.ts";

/**
 * Pure: which document a question names, and what it asks about it. A reference is a document number, whole
 * ("146-CV/TU", "111/2022/NĐ-CP") or partial after a type ("công văn 146", "CV 146", "nghị định số 111/2022",
 * "decree 112/2021"), or a type with an issue date ("công văn của Tỉnh ủy Nam Định ngày 4/5/2021").
 */

export type MetaField = "signer" | "date" | "issuer";

export interface DocumentRef {
  /** Canonical type ("Công văn"), when the question names one. */
  type: string | null;
  /** Folded parts of the number it names, leading zeros dropped: "146-CV/TU" → ["146", "cv", "tu"]. */
  parts: string[] | null;
  /** The number as typed. */
  number: string | null;
  /** ISO date the question names ("ngày 4/5/2021"). */
  date: string | null;
  /** Folded words of the question other than the type, number, date and question words: issuer candidates. */
  words: string[];
  /** The metadata the question asks for ("Ai ký …?" → signer), or null for a content question. */
  asks: MetaField | null;
}

interface TypeEntry {
  type: string;
  /** Folded names, longest first when they share a start. */
  names: string[];
  /** Folded code in numbers ("cv" in "146-CV/TU"). */
  code: string | null;
}

/** Document families, Vietnamese names, abbreviations and English names, all folded. */
const TYPES: TypeEntry[] = [
  { type: "Thông tư liên tịch", names: ["thong tu lien tich", "ttlt", "joint circular"], code: "ttlt" },
  {
    type: "Văn bản hợp nhất",
    names: ["van ban hop nhat", "vbhn", "consolidated text", "consolidated document"],
    code: "vbhn",
  },
  { type: "Công văn", names: ["cong van", "cv", "official letter", "letter", "official dispatch"], code: "cv" },
  { type: "Công điện", names: ["cong dien", "telegram"], code: "cd" },
  { type: "Chỉ thị", names: ["chi thi", "ct", "directive"], code: "ct" },
  { type: "Quyết định", names: ["quyet dinh", "qd", "decision"], code: "qd" },
  { type: "Nghị định", names: ["nghi dinh", "nd", "decree"], code: "nd" },
  { type: "Nghị quyết", names: ["nghi quyet", "nq", "resolution"], code: "nq" },
  { type: "Thông tư", names: ["thong tu", "tt", "circular"], code: "tt" },
  { type: "Thông báo", names: ["thong bao", "tb", "notice", "announcement"], code: "tb" },
  { type: "Kế hoạch", names: ["ke hoach", "kh", "plan"], code: "kh" },
  { type: "Kết luận", names: ["ket luan", "kl", "conclusion"], code: "kl" },
  { type: "Hướng dẫn", names: ["huong dan", "hd", "guidance", "guideline"], code: "hd" },
  { type: "Báo cáo", names: ["bao cao", "bc", "report"], code: "bc" },
  { type: "Luật", names: ["luat", "law"], code: null },
  { type: "Pháp lệnh", names: ["phap lenh", "ordinance"], code: null },
];
const TYPE_BY_NAME = new Map(TYPES.map((t) => [fold(t.type), t]));

/** A document number as written in text: digits, then parts after "/" or "-" (letters may carry marks). */
export const NUMBER_IN_TEXT = /(?<![\p{L}\p{N}]|\p{N}[/.-])\d+(?:[/-][\p{L}\p{N}]+)+(?![\p{L}\p{N}]|[/-]\p{N})/gu;
const DATE_SHAPE = /^\d{1,2}[/-]\d{1,2}[/-](?:19|20)\d\d$/;

/** Numbers seen lately and their parts: the linker asks for every document's parts once per reference it resolves. */
const partsCache = new Map<string, readonly string[]>();
const PARTS_CACHE_MAX = 50_000;

/** Folded parts of a number, numeric parts without leading zeros: "04/2025/TT-BLĐTBXH" → ["4","2025","tt","bldtbxh"]. */
export function numberParts(number: string): string[] {
  // A copy: callers own what they get (the cached array is never handed out).
  return partsOf(number).slice();
}

function partsOf(number: string): readonly string[] {
  let parts = partsCache.get(number);
  if (!parts) {
    parts = (fold(number.toLowerCase()).match(/[a-z0-9]+/g) ?? []).map((p) =>
      /^\d+$/.test(p) ? p.replace(/^0+(?=\d)/, "") : p,
    );
    // Bounded: a long-running process sees every number users type.
    if (partsCache.size >= PARTS_CACHE_MAX) partsCache.clear();
    partsCache.set(number, parts);
  }
  return parts;
}

/** One key per document number, whatever separators it was typed with: "146-CV/TU" and "146/cv-tu" alike. */
export function numberKey(number: string): string {
  return partsOf(number).join("/");
}

export interface NumberMention {
  raw: string;
  start: number;
  end: number;
  key: string;
}

/** Document numbers a text mentions (at least one letter part, so "2021-2025" and dates are not numbers). */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER_IN_TEXT)) {
    const raw = m[0];
    if (DATE_SHAPE.test(raw) || !/\p{L}/u.test(raw)) continue;
    out.push({ raw, start: m.index, end: m.index + raw.length, key: numberKey(raw) });
  }
  return out;
}

/** The family a number's code implies: "146-CV/TU" → Công văn, "111/2022/NĐ-CP" → Nghị định. */
export function typeOfNumber(parts: readonly string[]): string | null {
  for (const p of parts.slice(1)) {
    const t = TYPES.find((e) => e.code === p);
    if (t) return t.type;
  }
  return null;
}

const ASKS: [MetaField, RegExp][] = [
  ["signer", /\b(ai ky|nguoi ky|do ai ky|ky boi|ai la nguoi ky|who signed|signed by|signer|signatory)\b/],
  [
    "issuer",
    /\b((co quan|don vi) nao ban hanh|ai ban hanh|do ai ban hanh|cua co quan nao|who issued|issued by|which (body|agency|authority) issued)\b/,
  ],
  [
    "date",
    /\b((ban hanh|ky|co hieu luc)( vao)? (ngay nao|khi nao|bao gio|hom nao|luc nao|nam nao)|ngay ban hanh|ngay ky|when was|what date|issue date|date of issue|dated when)\b/,
  ],
];

/** Every type name as its words, by its first word: a question's every word is tried against them. */
const NAMES_BY_FIRST_WORD = (() => {
  const map = new Map<string, { entry: TypeEntry; words: string[] }[]>();
  for (const entry of TYPES)
    for (const name of entry.names) {
      const words = name.split(" ");
      const list = map.get(words[0]!) ?? [];
      list.push({ entry, words });
      map.set(words[0]!, list);
    }
  return map;
})();

/** Type name at word position `i` of the folded words, longest name first. */
function typeAt(words: readonly string[], i: number): { entry: TypeEntry; length: number } | null {
  let best: { entry: TypeEntry; length: number } | null = null;
  for (const { entry, words: n } of NAMES_BY_FIRST_WORD.get(words[i] ?? "") ?? []) {
    if (n.every((w, k) => words[i + k] === w) && (!best || n.length > best.length)) best = { entry, length: n.length };
  }
  return best;
}

const NUMBER_WORD = /^\d+(?:\/[a-z0-9]+|-[a-z0-9]+)*$/;
const LINKERS = new Set(["so", "no", "number", "nr"]);

/** ISO date from "ngày 4/5/2021", "4-5-2021" or "ngày 04 tháng 5 năm 2021" in a folded question. */
function dateIn(folded: string): string | null {
  const m =
    /\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b/.exec(folded) ??
    /\bngay (\d{1,2}) thang (\d{1,2}) nam ((?:19|20)\d\d)\b/.exec(folded);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), m[3]!];
  if (d < 1 || d > 31 || mo < 1 || mo > 12) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Words the question wraps a reference in; what is left may name the issuer. */
const FILLER = new Set(
  "cua ve viec ngay thang nam so ai ky nguoi ban hanh nao gi quy dinh noi dung la khi bao gio the do co cho biet hoi tom tat van ban the nao ra sao duoc vao luc hom what who when which the of by was is signed issued date does say about".split(
    " ",
  ),
);

/** Pure: the document reference in a question, or null when it names none. */
export function parseDocumentRef(question: string): DocumentRef | null {
  return parseDocumentRefs(question)[0] ?? null;
}

/** Every document reference in a question, in order ("16/CT-TTg và 21/CT-TTg" names two). */
export function parseDocumentRefs(question: string): DocumentRef[] {
  const folded = fold(question.normalize("NFC").toLowerCase());
  const asks = ASKS.find(([, re]) => re.test(folded))?.[0] ?? null;
  const words = folded.replace(/(\d)\s*([/-])\s*(?=[a-z0-9])/g, "$1$2").match(/[a-z0-9]+(?:[/-][a-z0-9]+)*/g) ?? [];
  const found: { type: TypeEntry | null; number: string }[] = [];
  let bare: TypeEntry | null = null;
  const used = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const t = typeAt(words, i);
    if (t) {
      let j = i + t.length;
      if (LINKERS.has(words[j] ?? "")) j++;
      const next = words[j];
      if (next && NUMBER_WORD.test(next)) {
        found.push({ type: t.entry, number: next });
        for (let k = i; k <= j; k++) used.add(k);
        i = j;
      } else if (!bare && t.entry.names[0]!.includes(" ")) {
        // A type named in full without a number ("công văn của Tỉnh ủy … ngày …"): kept for a dated reference.
        bare = t.entry;
        for (let k = i; k < j; k++) used.add(k);
      }
      continue;
    }
    // A whole number with its codes names a document even without a type: "146-CV/TU", "16/CT-TTg".
    const w = words[i]!;
    if (NUMBER_WORD.test(w) && /[a-z]/.test(w) && !DATE_SHAPE.test(w)) {
      found.push({ type: null, number: w });
      used.add(i);
    }
  }
  const date = dateIn(folded);
  const rest = words.filter((w, k) => !used.has(k) && !FILLER.has(w) && !/^\d/.test(w));
  const refs: DocumentRef[] = found.map(({ type, number }) => {
    const parts = numberParts(number);
    return { type: type?.type ?? typeOfNumber(parts), parts, number, date, words: rest, asks };
  });
  if (refs.length === 0 && bare && date)
    refs.push({ type: bare.type, parts: null, number: null, date, words: rest, asks });
  return refs;
}

/** A document as the lookup sees it. */
export interface RefTarget {
  docId: string;
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  /** `numberParts(number)`, when the caller has it already. */
  parts?: string[];
}

/** Whether `ref` parts name `doc` parts: the same leading number, the rest in order ("146/tu" names 146-CV/TU). */
export function partsMatch(ref: readonly string[], doc: readonly string[]): boolean {
  if (ref.length === 0 || ref[0] !== doc[0]) return false;
  let j = 1;
  for (const p of ref.slice(1)) {
    while (j < doc.length && doc[j] !== p) j++;
    if (j === doc.length) return false;
    j++;
  }
  return true;
}

/** Canonical type of a type name, by its raw spelling: folding it each time cost the linker more than matching. */
const canonicalTypes = new Map<string, string>();

function canonicalType(name: string): string {
  let type = canonicalTypes.get(name);
  if (type === undefined) {
    type = TYPE_BY_NAME.get(fold(name))?.type ?? name;
    if (canonicalTypes.size >= PARTS_CACHE_MAX) canonicalTypes.clear();
    canonicalTypes.set(name, type);
  }
  return type;
}

function sameType(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && canonicalType(a) === canonicalType(b);
}

/**
 * The documents `ref` names, best first, with a score: a whole number beats a partial one, a matching type, year,
 * date or issuer word adds to it. A type the document contradicts rules it out.
 */
export function matchDocuments(ref: DocumentRef, docs: Iterable<RefTarget>): { docId: string; score: number }[] {
  const out: { docId: string; score: number }[] = [];
  for (const doc of docs) {
    const docParts: readonly string[] = doc.parts ?? (doc.number ? partsOf(doc.number) : []);
    // The number first: it rules out nearly every document, and costs least.
    if (ref.parts && !partsMatch(ref.parts, docParts)) continue;
    const docType = doc.type ?? typeOfNumber(docParts);
    const typeKnown = Boolean(ref.type && docType);
    const otherType = typeKnown && !sameType(ref.type!, docType!);
    // A whole number ("45/2019/QH14") names one document even under another type's name ("Nghị quyết" for the
    // Bộ luật): it still matches, below any document of the type asked.
    if (otherType && !(ref.parts && ref.parts.length >= 3 && ref.parts.length === docParts.length)) continue;
    let score = otherType ? -1 : 0;
    if (ref.parts) score += 2 + ref.parts.length / docParts.length;
    else if (!ref.date || doc.date !== ref.date || !docType) continue;
    if (typeKnown && !otherType) score += 0.5;
    if (ref.date && doc.date === ref.date) score += 1;
    if (doc.issuer && ref.words.length) {
      const issuer = new Set(fold(doc.issuer.toLowerCase()).split(/\s+/));
      score += (0.5 * ref.words.filter((w) => issuer.has(w)).length) / ref.words.length;
    }
    out.push({ docId: doc.docId, score });
  }
  return out.sort((a, b) => b.score - a.score || a.docId.localeCompare(b.docId));
}

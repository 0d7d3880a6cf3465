import { fold } from "../search/normalize.ts";
import { toOrgCase } from "./org-case.ts";

/**
 * Bodies (đơn vị) matched through the forms of their names, not by substring: "UBND huyện" = "Ủy ban nhân dân
 * huyện"; "Trung tâm Y tế huyện" is one member of "UBND huyện, Trung tâm Y tế huyện"; "Sở Y tế" = "Sở Y tế tỉnh"
 * in a province's document; "Ban cán sự đảng UBND tỉnh" is not "UBND tỉnh".
 */

export interface Abbreviation {
  abbr: string;
  full: string;
}

/** A body's name split into what it is (`base`), its administrative level, and the place when named. */
export interface BodyName {
  base: string;
  /** "tinh", "huyen", "xa", … folded; "*" for "các cấp"; null when the name gives none. */
  level: string | null;
  /** Folded place name ("yen the"), when the name gives one. */
  place: string | null;
}

/** Where a document stands: its own level and the places it names for each level ("huyen" → "yen the"). */
export interface BodyContext {
  level: string | null;
  places: Map<string, string>;
}

const LEVELS = ["thanh pho", "thi xa", "thi tran", "tinh", "huyen", "xa", "quan", "phuong"];
/** Party committees named after a level: "Huyện ủy", "Tỉnh ủy". */
const COMMITTEE_OF: Record<string, string> = {
  "tinh uy": "tinh",
  "huyen uy": "huyen",
  "thanh uy": "thanh pho",
  "thi uy": "thi xa",
  "quan uy": "quan",
};
/** Bodies that exist at one level only: a "Sở" is the province's. */
const IMPLIED_LEVEL: [RegExp, string][] = [[/^so /, "tinh"]];
const PLURAL = new Set(["cac", "nhung"]);
const DETERMINERS = /^(cac|nhung|moi|tat ca|toan the|d\/c|dong chi)\s+/;
/** Words that start a new member of a list of bodies; any other piece continues the previous one. */
const HEADS = new Set(
  (
    "ban uy hoi mat so bo cuc chi tong cong quan bch bchqs trung van phong cap dang tinh huyen thanh thi quan xa phuong " +
    "nguoi bi chu pho giam thu chinh co to doan lien toa vien luc doi dia can thuong bcd bcs bao dai doanh truong benh " +
    "nganh ubnd hdnd mttq ca"
  ).split(" "),
);
/** Does this name (any case, with or without marks) start like a body's name? */
export function looksLikeBody(name: string): boolean {
  const first =
    fold(name)
      .replace(DETERMINERS, "")
      .split(/[\s-]+/)[0] ?? "";
  return HEADS.has(first);
}

const SYNONYMS: [RegExp, string][] = [
  [/^uy ban mat tran to quoc/, "mat tran to quoc"],
  [/^mat tran to quoc viet nam/, "mat tran to quoc"],
  [/^ban chi dao phong,? chong dich/, "ban chi dao phong chong dich"],
];

const clean = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}&/ ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

export interface BodyMatcher {
  /** Every reading of a name (abbreviations can mean two things: "BCH" = Ban Chấp hành or Bộ Chỉ huy). */
  readings(name: string): BodyName[];
  matches(query: string, member: string, context: BodyContext): boolean;
}

export function createBodyMatcher(abbreviations: readonly Abbreviation[]): BodyMatcher {
  const expand = new Map<string, string[]>();
  for (const { abbr, full } of abbreviations) {
    const key = fold(abbr);
    expand.set(key, [...(expand.get(key) ?? []), fold(full)]);
  }
  const cache = new Map<string, BodyName[]>();

  /** Three letters and more expand whatever their case; "CA", "TU" only in capitals ("cá nhân" folds to "ca"). */
  function spellings(name: string): string[] {
    let forms = [""];
    for (const raw of name.normalize("NFC").split(/\s+/).filter(Boolean)) {
      const word = fold(raw).replace(/[^\p{L}\p{N}&/]/gu, "");
      const longEnough = word.length >= 3 || (raw === raw.toUpperCase() && /\p{Lu}/u.test(raw));
      const alternatives = longEnough && expand.has(word) ? expand.get(word)! : [fold(raw)];
      forms = forms.flatMap((f) => alternatives.map((a) => `${f} ${a}`)).slice(0, 4);
    }
    return forms.map(clean);
  }

  function readings(name: string): BodyName[] {
    const hit = cache.get(name);
    if (hit) return hit;
    const out = spellings(name).map(parseBodyName);
    if (cache.size > 5000) cache.clear();
    cache.set(name, out);
    return out;
  }

  return {
    readings,
    matches(query, member, context) {
      const qs = readings(query);
      return readings(member).some((m) => qs.some((q) => sameBody(q, m, context)));
    },
  };
}

/** Is the member's reading `m` the body the question's reading `q` names, where the document stands? */
export function sameBody(q: BodyName, m: BodyName, context: BodyContext): boolean {
  if (!q.base || q.base !== m.base) return false;
  const implied = IMPLIED_LEVEL.find(([re]) => re.test(`${m.base} `))?.[1];
  const level = m.level ?? implied ?? context.level;
  if (q.level && level && level !== "*" && q.level !== level) return false;
  // A national document's "Công an" or "Ủy ban nhân dân" (no level of its own, none from where the document
  // stands) is not the province's or the district's body the question names.
  if (q.level && q.level !== "*" && !level) return false;
  if (q.place) {
    const place = m.place ?? (level ? context.places.get(level) : undefined);
    if (place && place !== q.place) return false;
    if (!place && context.places.size > 0) return false;
  }
  return true;
}

/** "uy ban nhan dan huyen yen the" → base "uy ban nhan dan", level "huyen", place "yen the". */
export function parseBodyName(folded: string): BodyName {
  let s = ` ${folded.replace(DETERMINERS, "")} `;
  let level: string | null = null;
  for (const [re, lv] of [
    [/ (cac cap|tu tinh den co so|cac cap)\s*$/, "*"],
    [/ (trong|cua|toan) tinh\s*$/, "tinh"],
    [/ (trong|cua) huyen\s*$/, "huyen"],
  ] as const) {
    if (re.test(s)) {
      s = s.replace(re, " ");
      level = lv;
      break;
    }
  }
  const words = s.trim().split(" ").filter(Boolean);
  let place: string | null = null;
  for (let i = words.length - 1; i >= 0 && level === null; i--) {
    const two = `${words[i]} ${words[i + 1] ?? ""}`;
    const committee = COMMITTEE_OF[two];
    const lv = LEVELS.find((l) => l === words[i] || l === two);
    if (!committee && !lv) continue;
    const width = committee || lv!.includes(" ") ? 2 : 1;
    const rest = words.slice(i + width);
    if (rest.length > 4 || rest.some((w) => HEADS.has(w) && w !== "thanh" && w !== "thi")) continue;
    if (i === 0) {
      // The name is the level's own body: "Huyện ủy Yên Thế", "các xã".
      return { base: words.slice(0, width).join(" "), level: committee ?? lv!, place: rest.join(" ") || null };
    }
    level = committee ?? lv!;
    place = rest.join(" ") || null;
    // "Ủy ban nhân dân các huyện" is each district's UBND and "Ủy ban nhân dân cấp huyện" the district level's:
    // neither the plural marker nor "cấp" is part of the body's name.
    words.length = i > 1 && (PLURAL.has(words[i - 1]!) || words[i - 1] === "cap") ? i - 1 : i;
  }
  let base = words.join(" ");
  for (const [re, to] of SYNONYMS) base = base.replace(re, to);
  return { base, level, place };
}

/** Members of a list of bodies: "UBND huyện, Ban Chỉ đạo phòng, chống dịch Covid-19 và các xã, thị trấn". */
export function splitBodies(actor: string): string[] {
  const text = actor.includes(":") ? actor.slice(actor.lastIndexOf(":") + 1) : actor;
  const pieces = text.split(/\s*(,|;|\svà\s|\sva\s)\s*/u);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]!.trim();
    if (!piece) continue;
    const first =
      fold(piece)
        .replace(DETERMINERS, "")
        .split(/[\s-]+/)[0] ?? "";
    if (out.length > 0 && !HEADS.has(first))
      out[out.length - 1] += `${pieces[i - 1]!.trim() === "," ? ", " : ` ${pieces[i - 1]!.trim()} `}${piece}`;
    else out.push(piece);
  }
  return out.map((m) => m.replace(/\s+/g, " ").trim());
}

const PLACE =
  /(Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Quận ủy|tỉnh|huyện|thành phố|thị xã|quận)\s+((?:[\p{Lu}][\p{Ll}]*)(?:\s+[\p{Lu}][\p{Ll}]*){0,3})/gu;

/** The document's level (its issuer's) and the places its issuer and header name. */
export function bodyContext(issuer: string | null, headerLines: readonly string[]): BodyContext {
  const places = new Map<string, string>();
  let level: string | null = null;
  const lines = [issuer ?? "", ...headerLines.map((l) => (l === l.toUpperCase() ? toOrgCase(l) : l))];
  lines.forEach((line, k) => {
    for (const m of line.normalize("NFC").matchAll(PLACE)) {
      const unit = fold(m[1]!);
      const lv = COMMITTEE_OF[unit] ?? unit;
      if (k === 0 && level === null) level = lv;
      if (!places.has(lv)) places.set(lv, fold(m[2]!));
    }
  });
  if (level === null && issuer && /\b(tinh|huyen|xa)\b/.test(fold(issuer)))
    level = /\b(tinh|huyen|xa)\b/.exec(fold(issuer))![1]!;
  return { level, places };
}

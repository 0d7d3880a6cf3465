import { sidecarSchema, type Sidecar } from "./types.ts";
import { fold } from "../search/normalize.ts";

/** Something in an upload's caption that was not applied; shown in the preview, never silently dropped. */
export type CaptionWarning =
  | { kind: "invalid-date"; key: string; value: string }
  | { kind: "invalid-url"; key: string; value: string }
  | { kind: "empty-value"; key: string }
  | { kind: "unknown-field"; key: string }
  | { kind: "repeated"; key: string }
  | { kind: "not-understood"; text: string };

export interface ParsedCaption {
  /** Only the fields the caption set; empty when it set none. */
  sidecar: Sidecar;
  warnings: CaptionWarning[];
}

type Field = Exclude<keyof Sidecar, "status" | "supersededBy">;

/** Caption keys, folded (no diacritics, lowercase, single spaces), Vietnamese and English. */
const FIELDS: Record<string, Field> = {
  so: "number",
  "so hieu": "number",
  "so van ban": "number",
  number: "number",
  no: "number",
  ngay: "date",
  "ngay ban hanh": "date",
  "ngay ky": "date",
  date: "date",
  loai: "type",
  "loai van ban": "type",
  "the loai": "type",
  type: "type",
  "co quan": "issuer",
  "co quan ban hanh": "issuer",
  "noi ban hanh": "issuer",
  issuer: "issuer",
  "tieu de": "title",
  "trich yeu": "title",
  title: "title",
  subject: "title",
  "nguoi ky": "signer",
  signer: "signer",
  "signed by": "signer",
  nguon: "sourceUrl",
  link: "sourceUrl",
  url: "sourceUrl",
  source: "sourceUrl",
  "tu khoa": "tags",
  tags: "tags",
  keywords: "tags",
};

/** `key: value` where the key is a few words: longer text before a colon is prose, not a field. */
const ENTRY = /^([\p{L}\p{N} .]{1,30}?)\s*[:：]\s*(.*)$/su;

/**
 * Pure: an upload caption such as `số: 209-CV/TU; ngày: 21/7/2021; loại: Công văn` → sidecar overrides.
 * Entries are separated by `;` or new lines; a piece without a key continues the previous value (a title with a `;`).
 */
export function parseCaption(caption: string | undefined | null): ParsedCaption {
  const values = new Map<Field, { key: string; value: string }>();
  const warnings: CaptionWarning[] = [];
  let last: Field | null = null;
  for (const raw of (caption ?? "").normalize("NFC").split(/[;\n]/)) {
    const piece = raw.trim();
    if (!piece) continue;
    const entry = ENTRY.exec(piece);
    const field = entry ? FIELDS[foldKey(entry[1]!)] : undefined;
    if (entry && field) {
      if (values.has(field)) warnings.push({ kind: "repeated", key: entry[1]!.trim() });
      values.set(field, { key: entry[1]!.trim(), value: entry[2]!.trim() });
      last = field;
    } else if (entry && !/^https?$/i.test(entry[1]!.trim())) {
      warnings.push({ kind: "unknown-field", key: entry[1]!.trim() });
      last = null;
    } else if (last && last !== "date" && last !== "sourceUrl" && values.get(last)!.value) {
      const prev = values.get(last)!;
      values.set(last, { ...prev, value: `${prev.value}; ${piece}` });
    } else warnings.push({ kind: "not-understood", text: piece });
  }

  const sidecar: Sidecar = {};
  for (const [field, { key, value }] of values) {
    if (!value) {
      warnings.push({ kind: "empty-value", key });
      continue;
    }
    if (field === "date") {
      const iso = parseDate(value);
      if (iso) sidecar.date = iso;
      else warnings.push({ kind: "invalid-date", key, value });
    } else if (field === "sourceUrl") {
      if (isWebUrl(value) && sidecarSchema.safeParse({ sourceUrl: value }).success) sidecar.sourceUrl = value;
      else warnings.push({ kind: "invalid-url", key, value });
    } else if (field === "tags") {
      const tags = value
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      if (tags.length) sidecar.tags = tags;
      else warnings.push({ kind: "empty-value", key });
    } else sidecar[field] = value.replace(/\s+/g, " ");
  }
  return { sidecar, warnings };
}

function foldKey(key: string): string {
  return fold(key)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** `21/7/2021`, `21-07-2021`, `21.7.2021`, `2021-07-21`, `ngày 21 tháng 7 năm 2021` → ISO; anything else (or 31/2) → null. */
export function parseDate(text: string): string | null {
  const s = fold(text).replace(/\s+/g, " ").trim();
  let m =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? /^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(s);
  let day: number, month: number, year: number;
  if (m) [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)))
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  if (year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

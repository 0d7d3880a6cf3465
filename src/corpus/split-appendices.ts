import { isAllCaps } from "./clean-text.ts";
import { APPENDIX_HEADING } from "./extract-metadata.ts";
import type { Passage } from "./types.ts";

/** "PHỤ LỤC II", "Phụ lục số 39", "MẪU SỐ 01/TB", "Danh mục …": the label a citation names. */
const LABEL = /^(phụ lục|mẫu số|biểu mẫu|biểu số|danh mục)(?:\s+(số\s+)?([IVXLC]+[a-z]?|\d+[a-zđ]?(?:[/.-][\p{L}\d]+)*)(?=[\s.:,;)–-]|$))?/iu;
/** Form lines and table cells are short: gather them into passages of about this many characters. */
const PASSAGE_CHARS = 700;

export interface AppendixOptions {
  docId: string;
  /** Order of the first appendix passage: the body's passages come before. */
  from: number;
}

function labelOf(line: string): { label: string; rest: string } {
  const m = LABEL.exec(line);
  if (!m) return { label: line.slice(0, 40), rest: "" };
  const word = m[1]!.toLowerCase();
  const kind = word[0]!.toUpperCase() + word.slice(1);
  const label = m[3] ? `${kind} ${m[2] ? "số " : ""}${m[3]}` : kind;
  return { label, rest: line.slice(m[0].length).replace(/^[\s.:–-]+/u, "").trim() };
}

function slug(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Splits what follows a document's signature (its appendices, forms and lists) into passages labelled with
 * their appendix ("Phụ lục I", "Mẫu số 01"), so that they are never glued onto the last article.
 */
export function splitAppendices(lines: readonly string[], { docId, from }: AppendixOptions): Passage[] {
  const passages: Passage[] = [];
  const used = new Map<string, number>();
  let section: string | null = null;
  let heading: string | null = null;
  let buffer: string[] = [];
  let titlePending = false;
  const flush = () => {
    if (!section || buffer.length === 0) return;
    const base = slug(section) || "phu-luc";
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const anchor = n === 1 ? base : `${base}-${n}`;
    const text = buffer.join("\n");
    passages.push({ id: `${docId}#${anchor}`, docId, anchor, section, heading, actor: null, text, order: from + passages.length });
    buffer = [];
  };
  for (const line of lines) {
    if (APPENDIX_HEADING.test(line) && line.length < 200) {
      flush();
      const { label, rest } = labelOf(line);
      section = label;
      heading = rest ? `${label}. ${rest}` : label;
      titlePending = rest === "";
      continue;
    }
    if (section === null) continue;
    // The appendix's title in capitals right under its label ("PHỤ LỤC I" / "DANH MỤC CÁC …").
    if (titlePending && isAllCaps(line) && buffer.length === 0) {
      heading = `${heading}. ${line}`;
      continue;
    }
    titlePending = false;
    buffer.push(line);
    if (buffer.reduce((n, l) => n + l.length + 1, 0) >= PASSAGE_CHARS) flush();
  }
  flush();
  return passages;
}

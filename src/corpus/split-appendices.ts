import { slug } from "./doc-id.ts";
import { isAllCaps } from "./clean-text.ts";
import { APPENDIX_HEADING, ATTACHED, attachedPartAt, typeHeadingOf } from "./extract-metadata.ts";
import { splitPassages } from "./split-passages.ts";
import type { Passage } from "./types.ts";

/** "PHỤ LỤC II", "Phụ lục số 39", "MẪU SỐ 01/TB", "Danh mục …": the label a citation names. */
const LABEL =
  /^(phụ lục|mẫu số|biểu mẫu|biểu số|danh mục)(?:\s+(số\s+)?([IVXLC]+[a-z]?|\d+[a-zđ]?(?:[/.-][\p{L}\d]+)*)(?=[\s.:,;)–-]|$))?/iu;
/** Form lines and table cells are short: gather them into passages of about this many characters. */
const PASSAGE_CHARS = 700;

export interface AppendixOptions {
  docId: string;
  /** Order of the first appendix passage: the body's passages come before. */
  from: number;
}

interface Part {
  label: string;
  heading: string;
  /** A regulation issued with the document ("Quy chế") has articles of its own; an appendix has lines. */
  structured: boolean;
  lines: string[];
}

function labelOf(line: string): { label: string; rest: string } {
  const m = LABEL.exec(line);
  if (!m) return { label: line.slice(0, 40), rest: "" };
  const word = m[1]!.toLowerCase();
  const kind = word[0]!.toUpperCase() + word.slice(1);
  const label = m[3] ? `${kind} ${m[2] ? "số " : ""}${m[3]}` : kind;
  return {
    label,
    rest: line
      .slice(m[0].length)
      .replace(/^[\s.:–-]+/u, "")
      .trim(),
  };
}

/** Cuts the lines after the signature into parts at each appendix heading or attached document. */
function partsOf(lines: readonly string[]): Part[] {
  const parts: Part[] = [];
  let current: Part | null = null;
  let titlePending = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = typeHeadingOf(line);
    let attached: string | null = null;
    for (let j = i + 1; heading && j <= i + 3 && j < lines.length; j++)
      if (attachedPartAt(lines, j, i) === i) attached = heading;
    if ((APPENDIX_HEADING.test(line) && line.length < 200) || attached) {
      const { label, rest } = attached ? { label: attached, rest: "" } : labelOf(line);
      current = { label, heading: rest ? `${label}. ${rest}` : label, structured: Boolean(attached), lines: [] };
      parts.push(current);
      titlePending = rest === "";
      continue;
    }
    if (!current) continue;
    // The part's title right under its label ("PHỤ LỤC I" / "DANH MỤC CÁC …", "QUY CHẾ" / "Bảo vệ bí mật …").
    if (titlePending && current.lines.length === 0 && (isAllCaps(line) || current.structured) && !/^\(/u.test(line)) {
      current.heading = `${current.heading}. ${line}`;
      titlePending = current.structured ? false : titlePending;
      continue;
    }
    titlePending = false;
    if (current.lines.length === 0 && ATTACHED.test(line)) {
      current.heading = `${current.heading} ${line}`;
      continue;
    }
    current.lines.push(line);
  }
  return parts;
}

/**
 * Splits what follows a document's signature into passages labelled with their part: appendices and forms
 * ("Phụ lục I", "Mẫu số 01") in runs of lines, a regulation issued with the document ("Quy chế") by its own
 * articles ("Quy chế, Điều 3"). None is ever glued onto the document's last article.
 */
export function splitAppendices(lines: readonly string[], { docId, from }: AppendixOptions): Passage[] {
  const passages: Passage[] = [];
  const used = new Map<string, number>();
  const anchorFor = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  const add = (section: string, heading: string | null, text: string, actor: string | null, base: string) => {
    const anchor = anchorFor(base);
    passages.push({
      id: `${docId}#${anchor}`,
      docId,
      anchor,
      section,
      heading,
      actor,
      text,
      order: from + passages.length,
    });
  };
  for (const part of partsOf(lines)) {
    const base = slug(part.label) || "phu-luc";
    if (part.structured) {
      for (const p of splitPassages(part.lines, { docId })) {
        const section = p.section ? `${part.label}, ${p.section}` : part.label;
        add(section, p.heading ?? part.heading, p.text, p.actor, `${base}-${p.anchor}`);
      }
      continue;
    }
    let buffer: string[] = [];
    let size = 0;
    for (const line of part.lines) {
      buffer.push(line);
      size += line.length + 1;
      if (size < PASSAGE_CHARS) continue;
      add(part.label, part.heading, buffer.join("\n"), null, base);
      buffer = [];
      size = 0;
    }
    if (buffer.length > 0) add(part.label, part.heading, buffer.join("\n"), null, base);
  }
  return passages;
}

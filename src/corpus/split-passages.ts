import { isAllCaps } from "./clean-text.ts";
import { findActor } from "./find-actor.ts";
import type { Passage } from "./types.ts";

/** "2.1. Quán triệt …", "3. Công an huyện …", "2) …" — numbered items of a directive, or clauses of a statute article. */
const NUMBERED = /^(\d{1,3}(?:\.\d{1,3})*)(?:\.|\))\s*(.*)$/u;
const ROMAN = /^([IVXLC]{1,6})\.\s+(.*)$/u;
const ARTICLE = /^Điều\s+(\d{1,4}[a-z]?)\s*[.:]?\s*(.*)$/u;
const CHAPTER = /^(Chương|Phần|Mục)\s+([IVXLC\d]{1,6})\b\.?\s*(.*)$/u;
const POINT = /^([a-zđ])\)\s*(.*)$/u;
const CLOSING = /^(Ban Thường vụ|Thường trực|Đề nghị|Yêu cầu|Trên đây)\s/u;
const BULLET = /^[-–•+]\s*(.*)$/u;

interface Scope {
  /** Section label as the document writes it. */
  label: string;
  heading: string | null;
  actor: string | null;
  depth: number;
}

export interface SplitOptions {
  docId: string;
}

const HEADING_MAX = 160;

/**
 * What the item's sub-passages carry as their heading: the lead-in clause, not the item's whole text, so a
 * continuation paragraph is not credited with words only its first paragraph holds.
 */
export function headingOf(text: string): string {
  const first = /^.+?[.;:](?=\s|$)/u.exec(text)?.[0] ?? text;
  if (first.length <= HEADING_MAX) return first;
  const cut = first.slice(0, HEADING_MAX);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[\s,;:]+$/u, "")} …`;
}

function slug(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Splits a document body into citable passages following its own structure. */
export function splitPassages(body: readonly string[], { docId }: SplitOptions): Passage[] {
  const passages: Passage[] = [];
  const anchorsUsed = new Map<string, number>();
  let scope: Scope | null = null;
  let article: Scope | null = null;
  let clause: { label: string; text: string[]; actor: string | null } | null = null;
  let chapterHeading: string | null = null;
  const scopes = new Map<string, Scope>();
  /** Actor of an unnumbered lead-in ("- Các cấp ủy … tiếp tục …. Trong đó:") that the next paragraphs continue. */
  let leadActor: string | null = null;

  const push = (section: string | null, heading: string | null, actor: string | null, text: string) => {
    const base = section ? slug(section) : "doan";
    const n = (anchorsUsed.get(base) ?? 0) + 1;
    anchorsUsed.set(base, n);
    const anchor = section ? (n === 1 ? base : `${base}-${n}`) : `doan-${n}`;
    passages.push({ id: `${docId}#${anchor}`, docId, anchor, section, heading, actor, text, order: passages.length });
  };

  // Statute clauses keep their points ("a) …") in one passage: a point alone rarely answers a question.
  /** An article whose whole text stands on its heading line ("Điều 2. Thông tư này có hiệu lực …") is its passage. */
  let articleLine: string | null = null;
  const flushArticle = () => {
    if (article && articleLine !== null && passages.length === articleFrom) {
      push(article.label, article.heading, findActor(articleLine), articleLine);
    }
    articleLine = null;
  };
  let articleFrom = 0;
  const flushClause = () => {
    if (!clause || !article) return;
    push(
      `${article.label}, khoản ${clause.label}`,
      article.heading,
      clause.actor ?? article.actor,
      clause.text.join("\n"),
    );
    clause = null;
  };

  /** True right after a bare "Chương I" line: its title ("NHỮNG QUY ĐỊNH CHUNG") follows on the next line. */
  let chapterTitlePending = false;
  for (const line of body) {
    const chapter = CHAPTER.exec(line);
    if (chapter && (chapter[3] === "" || /^[\p{Lu}\s,-]+$/u.test(chapter[3]!) || chapter[1] === "Chương")) {
      flushClause();
      flushArticle();
      chapterHeading = line;
      chapterTitlePending = chapter[3] === "";
      scope = null;
      article = null;
      continue;
    }
    if (chapterTitlePending && isAllCaps(line)) {
      chapterHeading = `${chapterHeading} ${line}`;
      chapterTitlePending = false;
      continue;
    }
    chapterTitlePending = false;
    const art = ARTICLE.exec(line);
    if (art) {
      flushClause();
      flushArticle();
      articleFrom = passages.length;
      articleLine = art[2] ? line : null;
      article = {
        label: `Điều ${art[1]}`,
        heading: art[2] ? `Điều ${art[1]}. ${art[2]}` : `Điều ${art[1]}`,
        actor: null,
        depth: 0,
      };
      scope = null;
      continue;
    }
    if (article) {
      const num = NUMBERED.exec(line);
      if (num && !num[1]!.includes(".")) {
        flushClause();
        clause = { label: num[1]!, text: [line], actor: findActor(num[2]!) };
        continue;
      }
      if (clause) {
        clause.text.push(line);
        continue;
      }
      // Article text without numbered clauses.
      const last = passages[passages.length - 1];
      if (last && last.section === article.label) last.text += `\n${line}`;
      else push(article.label, article.heading, findActor(line), line);
      continue;
    }

    const num = NUMBERED.exec(line) ?? ROMAN.exec(line);
    if (num) {
      const label = num[1]!;
      const text = num[2]!.trim();
      const depth = label.split(".").length;
      const parent = depth > 1 ? (scopes.get(label.split(".").slice(0, -1).join(".")) ?? null) : null;
      const ownActor = findActor(text);
      const actor = ownActor ?? parent?.actor ?? null;
      const heading = parent ? parent.heading : null;
      // An item that only introduces its sub-items ("2. Ban cán sự đảng … chỉ đạo:") is a heading, not a passage.
      const leadIn = /:\s*$/.test(text) && text.length < 300;
      scope = { label, heading: text ? `${label}. ${headingOf(text)}` : label, actor, depth };
      scopes.set(label, scope);
      leadActor = null;
      if (!leadIn && text) push(label, heading, actor, line);
      continue;
    }
    const bullet = BULLET.exec(line) ?? POINT.exec(line);
    const text = bullet ? bullet[bullet.length - 1]!.trim() : line;
    if (!text) continue;
    const ownActor = findActor(text);
    const leadIn = /:\s*$/.test(text) && text.length < 400;
    // A closing paragraph after the items ("Đề nghị các cấp ủy …", "Ban Thường vụ Tỉnh ủy yêu cầu …") leaves them.
    if (scope && !bullet && !leadIn && CLOSING.test(text)) scope = null;
    if (bullet) leadActor = null;
    const actor = ownActor ?? (bullet ? null : leadActor) ?? scope?.actor ?? null;
    if (scope) {
      if (leadIn && ownActor) {
        scope = { ...scope, actor: ownActor };
        scopes.set(scope.label, scope);
      } else push(scope.label, scope.heading, actor, line);
    } else {
      push(null, chapterHeading, actor, line);
      if (bullet && /:\s*$/.test(text) && ownActor) leadActor = ownActor;
    }
  }
  flushClause();
  flushArticle();
  return passages;
}

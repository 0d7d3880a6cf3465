import { slug } from "./doc-id.ts";
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

interface Clause {
  label: string;
  text: string[];
  actor: string | null;
}

/** Where the splitter is in the body: the chapter, article, clause and numbered item the next line belongs to. */
interface SplitState {
  docId: string;
  passages: Passage[];
  anchorsUsed: Map<string, number>;
  /** The numbered item ("2.1.") the next paragraphs belong to. */
  scope: Scope | null;
  /** Numbered items by label, so that "2.1." finds its parent "2.". */
  scopes: Map<string, Scope>;
  article: Scope | null;
  clause: Clause | null;
  chapterHeading: string | null;
  /** True right after a bare "Chương I" line: its title ("NHỮNG QUY ĐỊNH CHUNG") follows on the next line. */
  chapterTitlePending: boolean;
  /** Actor of an unnumbered lead-in ("- Các cấp ủy … tiếp tục …. Trong đó:") that the next paragraphs continue. */
  leadActor: string | null;
  /** An article whose whole text stands on its heading line ("Điều 2. Thông tư này có hiệu lực …") is its passage. */
  articleLine: string | null;
  /** How many passages there were when the article started. */
  articleFrom: number;
}

/** Splits a document body into citable passages following its own structure. */
export function splitPassages(body: readonly string[], { docId }: SplitOptions): Passage[] {
  const state: SplitState = {
    docId,
    passages: [],
    anchorsUsed: new Map(),
    scope: null,
    scopes: new Map(),
    article: null,
    clause: null,
    chapterHeading: null,
    chapterTitlePending: false,
    leadActor: null,
    articleLine: null,
    articleFrom: 0,
  };
  for (const line of body) readLine(state, line);
  closeArticle(state);
  return state.passages;
}

function readLine(s: SplitState, line: string): void {
  if (readChapter(s, line) || readArticleHeading(s, line)) return;
  if (s.article) readArticleText(s, s.article, line);
  else if (!readNumberedItem(s, line)) readParagraph(s, line);
}

function push(s: SplitState, section: string | null, heading: string | null, actor: string | null, text: string) {
  const base = section ? slug(section) : "doan";
  const n = (s.anchorsUsed.get(base) ?? 0) + 1;
  s.anchorsUsed.set(base, n);
  const anchor = section ? (n === 1 ? base : `${base}-${n}`) : `doan-${n}`;
  const docId = s.docId;
  s.passages.push({ id: `${docId}#${anchor}`, docId, anchor, section, heading, actor, text, order: s.passages.length });
}

// Statute clauses keep their points ("a) …") in one passage: a point alone rarely answers a question.
function flushClause(s: SplitState): void {
  if (!s.clause || !s.article) return;
  const { clause, article } = s;
  push(
    s,
    `${article.label}, khoản ${clause.label}`,
    article.heading,
    clause.actor ?? article.actor,
    clause.text.join("\n"),
  );
  s.clause = null;
}

/** The open clause, then the article's heading line when nothing else of the article became a passage. */
function closeArticle(s: SplitState): void {
  flushClause(s);
  if (s.article && s.articleLine !== null && s.passages.length === s.articleFrom) {
    push(s, s.article.label, s.article.heading, findActor(s.articleLine), s.articleLine);
  }
  s.articleLine = null;
}

/** "Chương I" (and its title on the next line), "Phần II", "Mục 1": the heading of the passages under it. */
function readChapter(s: SplitState, line: string): boolean {
  const chapter = CHAPTER.exec(line);
  if (chapter && (chapter[3] === "" || /^[\p{Lu}\s,-]+$/u.test(chapter[3]!) || chapter[1] === "Chương")) {
    closeArticle(s);
    s.chapterHeading = line;
    s.chapterTitlePending = chapter[3] === "";
    s.scope = null;
    s.article = null;
    return true;
  }
  if (s.chapterTitlePending && isAllCaps(line)) {
    s.chapterHeading = `${s.chapterHeading} ${line}`;
    s.chapterTitlePending = false;
    return true;
  }
  s.chapterTitlePending = false;
  return false;
}

/** "Điều 5. Trách nhiệm …": a statute article opens. */
function readArticleHeading(s: SplitState, line: string): boolean {
  const art = ARTICLE.exec(line);
  if (!art) return false;
  closeArticle(s);
  s.articleFrom = s.passages.length;
  s.articleLine = art[2] ? line : null;
  s.article = {
    label: `Điều ${art[1]}`,
    heading: art[2] ? `Điều ${art[1]}. ${art[2]}` : `Điều ${art[1]}`,
    actor: null,
    depth: 0,
  };
  s.scope = null;
  return true;
}

/** A line inside an article: a numbered clause opens, or the text runs on in the clause or the article. */
function readArticleText(s: SplitState, article: Scope, line: string): void {
  const num = NUMBERED.exec(line);
  if (num && !num[1]!.includes(".")) {
    flushClause(s);
    s.clause = { label: num[1]!, text: [line], actor: findActor(num[2]!) };
    return;
  }
  if (s.clause) {
    s.clause.text.push(line);
    return;
  }
  // Article text without numbered clauses.
  const last = s.passages[s.passages.length - 1];
  if (last && last.section === article.label) last.text += `\n${line}`;
  else push(s, article.label, article.heading, findActor(line), line);
}

/** "2.1. Quán triệt …", "II. …": a directive's numbered item, a passage and the scope of what follows. */
function readNumberedItem(s: SplitState, line: string): boolean {
  const num = NUMBERED.exec(line) ?? ROMAN.exec(line);
  if (!num) return false;
  const label = num[1]!;
  const text = num[2]!.trim();
  const depth = label.split(".").length;
  const parent = depth > 1 ? (s.scopes.get(label.split(".").slice(0, -1).join(".")) ?? null) : null;
  const ownActor = findActor(text);
  const actor = ownActor ?? parent?.actor ?? null;
  const heading = parent ? parent.heading : null;
  // An item that only introduces its sub-items ("2. Ban cán sự đảng … chỉ đạo:") is a heading, not a passage.
  const leadIn = /:\s*$/.test(text) && text.length < 300;
  s.scope = { label, heading: text ? `${label}. ${headingOf(text)}` : label, actor, depth };
  s.scopes.set(label, s.scope);
  s.leadActor = null;
  if (!leadIn && text) push(s, label, heading, actor, line);
  return true;
}

/** A bullet, point or plain paragraph: a passage of the item it stands under, or of the chapter. */
function readParagraph(s: SplitState, line: string): void {
  const bullet = BULLET.exec(line) ?? POINT.exec(line);
  const text = bullet ? bullet[bullet.length - 1]!.trim() : line;
  if (!text) return;
  const ownActor = findActor(text);
  const leadIn = /:\s*$/.test(text) && text.length < 400;
  // A closing paragraph after the items ("Đề nghị các cấp ủy …", "Ban Thường vụ Tỉnh ủy yêu cầu …") leaves them.
  if (s.scope && !bullet && !leadIn && CLOSING.test(text)) s.scope = null;
  if (bullet) s.leadActor = null;
  const actor = ownActor ?? (bullet ? null : s.leadActor) ?? s.scope?.actor ?? null;
  if (s.scope) {
    if (leadIn && ownActor) {
      s.scope = { ...s.scope, actor: ownActor };
      s.scopes.set(s.scope.label, s.scope);
    } else push(s, s.scope.label, s.scope.heading, actor, line);
  } else {
    push(s, null, s.chapterHeading, actor, line);
    if (bullet && /:\s*$/.test(text) && ownActor) s.leadActor = ownActor;
  }
}

import type { ReminderCard } from "../alerts/reminder-card.ts";
import { packBlocks as packChannelBlocks } from "../answer/pack-blocks.ts";
import { keyAssignments } from "../alerts/key-assignments.ts";
import type { Answer } from "../answer/build-answer.ts";
import { citeDocument, documentUrl } from "../answer/document-card.ts";
import type { Messages } from "../i18n/messages.ts";
import type { CorpusDocument, Passage } from "../corpus/types.ts";
import { ZALO_TEXT_LIMIT } from "./types.ts";

/**
 * Zalo shows plain text only (no HTML, no Markdown, no inline buttons) and at most 2,000 characters per message
 * (https://bot.zaloplatforms.com/docs, sendMessage). So: one block per answer, links written out, messages split
 * only between blocks. Everything shown comes from the answer model as it is; nothing is re-ranked or re-excerpted.
 */

/** Fields the answer contract (DESIGN.md) may carry beyond the base Answer; shown when present. */
interface AnswerExtras {
  status: "in-force" | "superseded" | null;
  supersededBy: string | null;
  deadline: { date: string | null; text: string } | null;
  role: string | null;
  signerTitle: string | null;
}

const WORDS = {
  vi: { superseded: "Đã được thay thế", by: "bởi", deadline: "Hạn", role: "vai trò" },
  en: { superseded: "Superseded", by: "by", deadline: "Deadline", role: "role" },
} as const;

/** One answer as a block of plain text that always ends with its viewer link, whatever `limit` cuts. */
export function renderAnswerBlock(
  answer: Answer,
  n: number,
  t: Messages,
  lang: "vi" | "en",
  limit = ZALO_TEXT_LIMIT,
): string {
  const a = answer as Answer & Partial<AnswerExtras>;
  const w = WORDS[lang];
  const head = [`${n}. ${a.actor ?? a.title ?? a.docId}${a.role ? ` (${w.role}: ${a.role})` : ""}`];
  head.push(`📄 ${citeDocument(a, t)}${a.section ? ` · ${t.section} ${a.section}` : ""}`);
  if (a.status === "superseded") head.push(`⚠️ ${w.superseded}${a.supersededBy ? ` ${w.by} ${a.supersededBy}` : ""}`);
  if (a.deadline) head.push(`⏰ ${w.deadline}: ${a.deadline.text}`);
  const link = `🔗 ${a.url}`;
  const fixed = head.join("\n").length + link.length + 2;
  return [...head, cutText(a.excerpt, Math.max(limit - fixed, 40)), link].join("\n");
}

/** Shortens `text` to at most `limit` characters at a space or line break, marking the cut with " …". */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const budget = Math.max(limit - 2, 1);
  let cut = text.slice(0, budget);
  const space = Math.max(cut.lastIndexOf("\n"), cut.lastIndexOf(" "));
  if (space > budget / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()} …`;
}

/** Splits `text` into pieces of at most `limit` characters at line breaks (else spaces): a whole item, in order. */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let at = window.lastIndexOf("\n");
    if (at < limit / 2) at = window.lastIndexOf(" ");
    if (at < limit / 2) at = limit;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** Joins blocks into messages of at most `limit` characters, splitting only between blocks. */
export function packBlocks(blocks: readonly string[], limit = ZALO_TEXT_LIMIT): string[] {
  return packChannelBlocks(blocks, limit, splitText);
}

export interface PageOptions {
  /** Number of the first answer shown (0 for the first page). */
  offset: number;
  /** The follow-up hint that ends the page ("" for none). */
  footer: string;
}

/** A page of answers as Zalo messages: one block per answer, the follow-up hint last. */
export function renderAnswerPage(
  answers: readonly Answer[],
  t: Messages,
  lang: "vi" | "en",
  page: PageOptions,
): string[] {
  const blocks = answers.map((a, i) => renderAnswerBlock(a, page.offset + i + 1, t, lang));
  return packBlocks(page.footer ? [...blocks, page.footer] : blocks);
}

/** A whole item (every passage of the numbered item or article an answer cited), then its viewer link. */
export function renderItem(doc: CorpusDocument, passages: readonly Passage[], url: string, t: Messages): string[] {
  const m = doc.meta;
  const title = citeDocument(m, t);
  const label = passages[0]?.section ? `\n${t.section} ${passages[0].section}` : "";
  return packBlocks([`📄 ${title}${label}`, ...passages.map((p) => p.text), `🔗 ${url}`]);
}

/** The new-document alert as plain text: what it is, who must do what, where to read it. */
export function renderZaloAlert(
  doc: CorpusDocument,
  kind: "new" | "updated",
  t: Messages,
  publicBaseUrl: string,
): { text: string } {
  const m = doc.meta;
  const url = documentUrl(publicBaseUrl, m);
  const lines = [kind === "new" ? t.alerts.newDocument : t.alerts.updatedDocument];
  lines.push(citeDocument(m, t));
  if (m.title) lines.push(m.title);
  const assignments = keyAssignments(doc);
  if (assignments.length) lines.push("", ...assignments.map((x) => `• ${x.actor}: ${x.task}`));
  const link = `🔗 ${url}`;
  return { text: `${cutText(lines.join("\n"), ZALO_TEXT_LIMIT - link.length - 2)}\n\n${link}` };
}

/** A deadline reminder as Zalo plain text: days left, the deadline, the body, the document and item, the task, a link. */
export function renderZaloReminder(c: ReminderCard): string {
  const lines = [c.heading, c.deadline, ...(c.actor ? [c.actor] : []), `📄 ${c.cite}`, "", c.task];
  const link = `🔗 ${c.url}`;
  return `${cutText(lines.join("\n"), ZALO_TEXT_LIMIT - link.length - 2)}\n\n${link}`;
}

/** The Telegram-HTML texts shared with the Telegram channel (reload report) as Zalo plain text. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

import { packBlocks } from "../answer/pack-blocks.ts";
import { citeDocument, documentUrl, viewerUrl } from "../answer/document-card.ts";
import type { CitedAnswer } from "../answer/build-answer.ts";
import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";
import { dutyNotes, relatedDocuments, supersededLabel } from "../answer/render-duties.ts";

/** Telegram's limit for one message, in characters. */
export const MESSAGE_LIMIT = 4096;

/** The send options of every HTML message the bot writes: the one place that says how Telegram reads our text. */
export const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** Telegram HTML needs only these three escaped (and quotes inside attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `text` escaped, with the given [start, end) ranges in bold. */
export function highlightHtml(text: string, ranges: readonly [number, number][]): string {
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += `${escapeHtml(text.slice(at, start))}<b>${escapeHtml(text.slice(start, end))}</b>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/** A link with an escaped address and label. */
export function linkHtml(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

/** One cited answer: actor, document, section, highlighted excerpt, link. */
export function renderAnswer(a: CitedAnswer, n: number, t: Messages): string {
  const head = `<b>${escapeHtml(a.actor ? a.actor : (a.title ?? a.docId))}</b>`;
  const where = a.section ? ` · ${t.section} ${escapeHtml(a.section)}` : "";
  return [
    `${n}. ${head}`,
    `📄 ${escapeHtml(citeDocument(a, t))}${where}`,
    ...dutyNotes(a, t.duties).map((note) => (note.startsWith("⚠") ? `<b>${escapeHtml(note)}</b>` : escapeHtml(note))),
    highlightHtml(a.excerpt, a.highlights),
    linkHtml(a.url, t.open),
  ].join("\n");
}

/** Joins blocks into messages of at most MESSAGE_LIMIT characters, splitting only between blocks. */
export function packMessages(blocks: readonly string[], limit = MESSAGE_LIMIT): string[] {
  // A single block over the limit (a very long passage) is cut at a line break, never inside a tag.
  return packBlocks(blocks, limit, (block, max) => [cutHtml(block, max)]);
}

/** Shortens escaped HTML to `limit` characters at a newline or space outside any tag or entity. */
export function cutHtml(html: string, limit: number): string {
  const budget = limit - 2;
  let cut = html.slice(0, budget);
  const lastTagOpen = cut.lastIndexOf("<");
  if (lastTagOpen > cut.lastIndexOf(">")) cut = cut.slice(0, lastTagOpen);
  const lastAmp = cut.lastIndexOf("&");
  if (lastAmp > cut.lastIndexOf(";")) cut = cut.slice(0, lastAmp);
  const space = Math.max(cut.lastIndexOf("\n"), cut.lastIndexOf(" "));
  if (space > budget / 2) cut = cut.slice(0, space);
  // Close a bold left open by the cut.
  const opens = (cut.match(/<b>/g) ?? []).length - (cut.match(/<\/b>/g) ?? []).length;
  return `${cut} …${"</b>".repeat(Math.max(0, opens))}`;
}

/** A page of answers numbered from `offset + 1`, packed into messages. */
export function renderAnswers(answers: readonly CitedAnswer[], offset: number, t: Messages): string[] {
  return packMessages(answers.map((a, i) => renderAnswer(a, offset + i + 1, t)));
}

/** A whole item: every passage of the numbered item or article the answer cites. */
export function renderSection(doc: CorpusDocument, passages: readonly Passage[], t: Messages): string[] {
  const title = `<b>${escapeHtml(citeDocument(doc.meta, t))}</b>`;
  const label = passages[0]?.section ? `\n${t.section} ${escapeHtml(passages[0].section)}` : "";
  return packMessages([`${title}${label}`, ...passages.map((p) => escapeHtml(p.text))]);
}

/** Document summary: metadata, subject, validity, related documents and its section list. */
export function renderDocument(
  doc: CorpusDocument,
  t: Messages,
  publicBaseUrl: string,
  lookup: (docId: string) => CorpusDocument | undefined = () => undefined,
): string[] {
  const m = doc.meta;
  const lines = [`<b>${escapeHtml(citeDocument(m, t))}</b>`];
  const label = supersededLabel(doc, t.duties);
  if (label) lines.push(`<b>${escapeHtml(label)}</b>`);
  if (m.title) lines.push(escapeHtml(m.title));
  if (m.signer) lines.push(`✍️ ${escapeHtml(m.signer)}`);
  lines.push(linkHtml(documentUrl(publicBaseUrl, m), t.open));
  lines.push(...relatedLines(doc, t, publicBaseUrl, lookup));
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.section || seen.has(p.section)) continue;
    seen.add(p.section);
    const first =
      p.heading && p.heading.startsWith(p.section) ? p.heading : `${p.section}. ${p.text.replace(/^\S+\s/, "")}`;
    const short = first.length > 140 ? `${first.slice(0, first.lastIndexOf(" ", 140))} …` : first;
    sections.push(`• ${escapeHtml(short)}`);
  }
  const outline = sections.length ? `<b>${escapeHtml(t.sections)}</b>\n${sections.join("\n")}` : "";
  return packMessages([lines.join("\n"), outline].filter(Boolean));
}

/** Cites / cited by / replaces / replaced by on the document card, links when the document is in the corpus. */
function relatedLines(
  doc: CorpusDocument,
  t: Messages,
  publicBaseUrl: string,
  lookup: (docId: string) => CorpusDocument | undefined,
): string[] {
  const g = relatedDocuments(doc, lookup);
  const d = t.duties;
  const entry = (e: { name: string; docId: string | null }) =>
    e.docId ? linkHtml(viewerUrl(publicBaseUrl, e.docId), e.name) : escapeHtml(e.name);
  const rows: [string, { name: string; docId: string | null }[]][] = [
    [d.replacedBy, g.replacedBy],
    [d.replacesList, g.replaces],
    [d.cites, g.cites],
    [d.citedBy, g.citedBy],
  ];
  return rows
    .filter(([, list]) => list.length)
    .map(([label, list]) => `${escapeHtml(label)}: ${list.map(entry).join("; ")}`);
}

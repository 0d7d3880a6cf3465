import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Messages } from "../bot/i18n.ts";
import { makeExcerpt } from "../search/excerpt.ts";
import type { SearchHit } from "../search/types.ts";
import { citationUrl } from "./build-answer.ts";
import { dutyNotes, relatedDocuments } from "./render-duties.ts";

/** Telegram's limit for one message, in characters. */
export const MESSAGE_LIMIT = 4096;

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

/** "Chỉ thị số 146-CV/TU ngày 2021-05-04 của …" in the reader's language, from what is known. */
export function citeDocument(doc: CorpusDocument, t: Messages): string {
  const m = doc.meta;
  const parts = [m.type ?? doc.meta.docId];
  if (m.number) parts.push(`${t.fields.number} ${m.number}`);
  if (m.date) parts.push(`${t.fields.date} ${formatDate(m.date)}`);
  const head = parts.join(" ");
  return m.issuer ? `${head} · ${m.issuer}` : head;
}

export function formatDate(iso: string): string {
  const [y, mo, d] = iso.split("-");
  return `${Number(d)}/${Number(mo)}/${y}`;
}

/** One cited answer: actor, document, section, highlighted excerpt, link. */
export function renderHit(hit: SearchHit, n: number, t: Messages, publicBaseUrl: string): string {
  const excerpt = makeExcerpt(hit.passage.text, hit.terms);
  const lines: string[] = [];
  const head = hit.passage.actor ? `<b>${escapeHtml(hit.passage.actor)}</b>` : `<b>${escapeHtml(hit.document.meta.title ?? hit.document.meta.docId)}</b>`;
  lines.push(`${n}. ${head}`);
  const where = hit.passage.section ? ` · ${t.section} ${escapeHtml(hit.passage.section)}` : "";
  lines.push(`📄 ${escapeHtml(citeDocument(hit.document, t))}${where}`);
  for (const note of dutyNotes(hit, t.duties)) lines.push(note.startsWith("⚠") ? `<b>${escapeHtml(note)}</b>` : escapeHtml(note));
  lines.push(highlightHtml(excerpt.text, excerpt.highlights));
  lines.push(`<a href="${escapeHtml(citationUrl(hit, publicBaseUrl))}">${escapeHtml(t.open)}</a>`);
  return lines.join("\n");
}

/** Joins blocks into messages of at most MESSAGE_LIMIT characters, splitting only between blocks. */
export function packMessages(blocks: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of blocks) {
    // A single block over the limit (a very long passage) is cut at a line break, never inside a tag.
    const block = raw.length > limit ? cutHtml(raw, limit) : raw;
    if (current && current.length + 2 + block.length > limit) {
      out.push(current);
      current = block;
    } else current = current ? `${current}\n\n${block}` : block;
  }
  if (current) out.push(current);
  return out;
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

export function renderAnswers(hits: readonly SearchHit[], offset: number, t: Messages, publicBaseUrl: string): string[] {
  return packMessages(hits.map((hit, i) => renderHit(hit, offset + i + 1, t, publicBaseUrl)));
}

/** A whole item: every passage of the numbered item or article the answer cites. */
export function renderSection(doc: CorpusDocument, passages: readonly Passage[], t: Messages): string[] {
  const title = `<b>${escapeHtml(citeDocument(doc, t))}</b>`;
  const label = passages[0]?.section ? `\n${t.section} ${escapeHtml(passages[0].section)}` : "";
  return packMessages([`${title}${label}`, ...passages.map((p) => escapeHtml(p.text))]);
}

/** Document summary: metadata, subject, validity, related documents and its section list. */
export function renderDocument(doc: CorpusDocument, t: Messages, publicBaseUrl: string, lookup: (docId: string) => CorpusDocument | undefined = () => undefined): string[] {
  const m = doc.meta;
  const lines = [`<b>${escapeHtml(citeDocument(doc, t))}</b>`];
  const label = dutyNotes({ passage: doc.passages[0]!, document: doc, score: 0, terms: [], deadline: null, role: null }, t.duties)[0];
  if (label) lines.push(`<b>${escapeHtml(label)}</b>`);
  if (m.title) lines.push(escapeHtml(m.title));
  if (m.signer) lines.push(`✍️ ${escapeHtml(m.signer)}`);
  lines.push(`<a href="${escapeHtml(m.sourceUrl ?? `${publicBaseUrl}/d/${encodeURIComponent(m.docId)}`)}">${escapeHtml(t.open)}</a>`);
  lines.push(...relatedLines(doc, t, publicBaseUrl, lookup));
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.section || seen.has(p.section)) continue;
    seen.add(p.section);
    const first = p.heading && p.heading.startsWith(p.section) ? p.heading : `${p.section}. ${p.text.replace(/^\S+\s/, "")}`;
    sections.push(`• ${escapeHtml(first.length > 140 ? `${first.slice(0, first.lastIndexOf(" ", 140))} …` : first)}`);
  }
  return packMessages([lines.join("\n"), sections.length ? `<b>${escapeHtml(t.sections)}</b>\n${sections.join("\n")}` : ""].filter(Boolean));
}

/** Cites / cited by / replaces / replaced by on the document card, links when the document is in the corpus. */
function relatedLines(doc: CorpusDocument, t: Messages, publicBaseUrl: string, lookup: (docId: string) => CorpusDocument | undefined): string[] {
  const g = relatedDocuments(doc, lookup);
  const d = t.duties;
  const entry = (e: { name: string; docId: string | null }) =>
    e.docId ? `<a href="${escapeHtml(`${publicBaseUrl}/d/${encodeURIComponent(e.docId)}`)}">${escapeHtml(e.name)}</a>` : escapeHtml(e.name);
  const rows: [string, { name: string; docId: string | null }[]][] = [[d.replacedBy, g.replacedBy], [d.replacesList, g.replaces], [d.cites, g.cites], [d.citedBy, g.citedBy]];
  return rows.filter(([, list]) => list.length).map(([label, list]) => `${escapeHtml(label)}: ${list.map(entry).join("; ")}`);
}

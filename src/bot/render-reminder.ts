import { citeDocument, documentUrl } from "../answer/document-card.ts";
import type { CorpusDocument, Passage } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";
import { escapeHtml, linkHtml } from "./render-telegram.ts";

const TASK_CHARS = 300;

/** A deadline reminder: days left, the deadline's words, the body, the document and item, the task, a link. */
export function renderReminder(
  doc: CorpusDocument,
  p: Passage,
  deadline: string,
  daysLeft: number,
  t: Messages,
  publicBaseUrl: string,
): string {
  const d = t.duties;
  const task = p.text.length > TASK_CHARS ? `${p.text.slice(0, p.text.lastIndexOf(" ", TASK_CHARS))} …` : p.text;
  const where = p.section ? ` · ${escapeHtml(t.section)} ${escapeHtml(p.section)}` : "";
  return [
    `<b>${escapeHtml(d.reminder(daysLeft))}</b>`,
    `<b>${escapeHtml(d.deadline(deadline))}</b>`,
    p.actor ? `<b>${escapeHtml(p.actor)}</b>` : "",
    `📄 ${escapeHtml(citeDocument(doc.meta, t))}${where}`,
    escapeHtml(task),
    linkHtml(documentUrl(publicBaseUrl, doc.meta, { anchor: p.anchor }), t.open),
  ]
    .filter(Boolean)
    .join("\n");
}

import { citeDocument, documentUrl } from "../answer/document-card.ts";
import { shortKey } from "../answer/short-key.ts";
import type { RenderedAlert } from "../alerts/announce.ts";
import { keyAssignments } from "../alerts/key-assignments.ts";
import type { CorpusDocument } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";
import { escapeHtml, linkHtml } from "./render-telegram.ts";

/** Telegram refuses buttons whose URL is not public ("localhost" and private hosts). */
export function isPublicUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const web = u.protocol === "https:" || u.protocol === "http:";
    return web && !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/.test(u.hostname);
  } catch {
    return false;
  }
}

/** The alert a subscribed chat receives: what the document is, who must do what, and where to read it. */
export function renderAlert(
  doc: CorpusDocument,
  kind: "new" | "updated",
  t: Messages,
  publicBaseUrl: string,
  botUsername: string,
): RenderedAlert {
  const m = doc.meta;
  const url = documentUrl(publicBaseUrl, m);
  const heading = kind === "new" ? t.alerts.newDocument : t.alerts.updatedDocument;
  const lines = [heading, `<b>${escapeHtml(citeDocument(m, t))}</b>`];
  if (m.title) lines.push(escapeHtml(m.title));
  const assignments = keyAssignments(doc);
  if (assignments.length) {
    lines.push("");
    for (const a of assignments) lines.push(`• <b>${escapeHtml(a.actor)}</b>: ${escapeHtml(a.task)}`);
  }
  lines.push("", linkHtml(url, t.open));
  const buttons: { text: string; url: string }[] = [];
  if (isPublicUrl(url)) buttons.push({ text: t.alerts.fullText, url });
  buttons.push({ text: t.alerts.askAbout, url: `https://t.me/${botUsername}?start=ask_${shortKey(m.docId)}` });
  return { text: lines.join("\n"), replyMarkup: { inline_keyboard: [buttons] } };
}

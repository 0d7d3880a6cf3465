import { citeDocument, escapeHtml } from "../answer/render-telegram.ts";
import { shortKey } from "../answer/short-key.ts";
import type { Messages } from "../bot/i18n.ts";
import type { CorpusDocument } from "../corpus/types.ts";
import { refName } from "../answer/render-duties.ts";

export interface RenderedAlert {
  text: string;
  /** Telegram inline keyboard of URL buttons, or undefined when no URL can be opened from Telegram. */
  replyMarkup?: { inline_keyboard: { text: string; url: string }[][] };
}

const ASSIGNMENTS = 3;
const ASSIGNMENT_CHARS = 180;

/** Telegram refuses buttons whose URL is not public ("localhost" and private hosts). */
export function isPublicUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/.test(u.hostname);
  } catch {
    return false;
  }
}

/** The first 2–3 items that assign work to a named body: who must do what. */
export function keyAssignments(doc: CorpusDocument): { actor: string; task: string }[] {
  const out: { actor: string; task: string }[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (!p.actor || seen.has(p.actor)) continue;
    seen.add(p.actor);
    const text = p.text.replace(/^(\d+(\.\d+)*[.)]|[-–•+])\s*/, "");
    const first = /^.+?[.;](?=\s|$)/u.exec(text)?.[0] ?? text;
    const task = first.length > ASSIGNMENT_CHARS ? `${first.slice(0, first.lastIndexOf(" ", ASSIGNMENT_CHARS))} …` : first;
    out.push({ actor: p.actor, task });
    if (out.length === ASSIGNMENTS) break;
  }
  return out;
}

/** The alert a subscribed chat receives: what the document is, who must do what, and where to read it. */
export function renderAlert(doc: CorpusDocument, kind: "new" | "updated", t: Messages, publicBaseUrl: string, botUsername: string): RenderedAlert {
  const m = doc.meta;
  const url = m.sourceUrl ?? `${publicBaseUrl}/d/${encodeURIComponent(m.docId)}`;
  const lines = [`${kind === "new" ? t.alerts.newDocument : t.alerts.updatedDocument}`, `<b>${escapeHtml(citeDocument(doc, t))}</b>`];
  if (m.title) lines.push(escapeHtml(m.title));
  const replaces = doc.links?.replaces ?? [];
  if (replaces.length) lines.push(`<b>${escapeHtml(t.duties.replaces(replaces.map(refName).join("; ")))}</b>`);
  const assignments = keyAssignments(doc);
  if (assignments.length) {
    lines.push("");
    for (const a of assignments) lines.push(`• <b>${escapeHtml(a.actor)}</b>: ${escapeHtml(a.task)}`);
  }
  lines.push("", `<a href="${escapeHtml(url)}">${escapeHtml(t.open)}</a>`);
  const buttons: { text: string; url: string }[] = [];
  if (isPublicUrl(url)) buttons.push({ text: t.alerts.fullText, url });
  buttons.push({ text: t.alerts.askAbout, url: `https://t.me/${botUsername}?start=ask_${shortKey(m.docId)}` });
  return { text: lines.join("\n"), replyMarkup: { inline_keyboard: [buttons] } };
}

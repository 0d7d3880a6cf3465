import type { CorpusDocument, Sidecar } from "../corpus/types.ts";
import type { CaptionWarning } from "../corpus/parse-caption.ts";
import { formatDate } from "../answer/document-card.ts";
import type { Messages } from "../i18n/messages.ts";
import { cutHtml, escapeHtml, MESSAGE_LIMIT } from "./render-telegram.ts";

/** What the bot read from the file, field by field, so the admin can check it before it enters the corpus. HTML. */
export function renderPreview(
  parsed: { document: CorpusDocument; warnings: string[] },
  fileName: string,
  sidecar: Sidecar | null,
  captionWarnings: readonly CaptionWarning[],
  replace: boolean,
  t: Messages,
): string {
  const u = t.upload;
  const m = parsed.document.meta;
  const field = (label: string, value: string | null, key: keyof Sidecar) => {
    const shown = value ? `<b>${escapeHtml(value)}</b>` : u.unknown;
    const given = sidecar?.[key] !== undefined ? ` <i>(${escapeHtml(u.fromCaption)})</i>` : "";
    return `${escapeHtml(label)}: ${shown}${given}`;
  };
  const lines = [
    `📄 <b>${escapeHtml(u.preview)}</b>`,
    `${escapeHtml(u.labels.file)}: ${escapeHtml(fileName)} → <code>${escapeHtml(parsed.document.file)}</code>`,
    field(u.labels.type, m.type, "type"),
    field(u.labels.number, m.number, "number"),
    field(u.labels.date, m.date && formatDate(m.date), "date"),
    field(u.labels.issuer, m.issuer, "issuer"),
    field(u.labels.title, m.title, "title"),
  ];
  if (m.signer || sidecar?.signer !== undefined) lines.push(field(u.labels.signer, m.signer, "signer"));
  if (m.sourceUrl) lines.push(field(u.labels.source, m.sourceUrl, "sourceUrl"));
  lines.push(`${escapeHtml(u.labels.passages)}: <b>${parsed.document.passages.length}</b>`);
  const warnings = [...captionWarnings.map((w) => u.captionWarning(w)), ...parsed.warnings];
  if (warnings.length) {
    lines.push(`⚠️ ${escapeHtml(u.labels.warnings)}:`);
    lines.push(...warnings.slice(0, 12).map((w) => `• ${escapeHtml(w)}`));
    if (warnings.length > 12) lines.push(`• … +${warnings.length - 12}`);
  }
  if (replace) lines.push("", escapeHtml(u.exists(m.docId)));
  const text = lines.join("\n");
  return text.length > MESSAGE_LIMIT ? cutHtml(text, MESSAGE_LIMIT) : text;
}

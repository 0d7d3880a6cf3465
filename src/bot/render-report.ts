import { escapeHtml } from "./render-telegram.ts";
import type { Messages } from "../i18n/messages.ts";
import type { ReloadReport } from "../admin/types.ts";

const LIST = 15;
const list = (ids: readonly string[]) =>
  ids.length
    ? ids
        .slice(0, LIST)
        .map((id) => `  • ${escapeHtml(id)}`)
        .join("\n") + (ids.length > LIST ? `\n  … +${ids.length - LIST}` : "")
    : "";

/** The reply to /reload (and to a confirmed upload): what changed, what broke, how long it took. HTML. */
export function renderReloadReport(r: ReloadReport, t: Messages): string {
  const a = t.admin;
  const lines = [r.ok ? `<b>${a.reloaded}</b>` : `<b>${a.reloadFailed}</b>\n${escapeHtml(r.error ?? "")}`];
  if (r.ok) {
    lines.push(a.counts(r.documents, r.passages, r.ms));
    if (r.added.length) lines.push(`${a.added} (${r.added.length}):\n${list(r.added)}`);
    if (r.changed.length) lines.push(`${a.changed} (${r.changed.length}):\n${list(r.changed)}`);
    if (r.removed.length) lines.push(`${a.removed} (${r.removed.length}):\n${list(r.removed)}`);
    if (!r.added.length && !r.changed.length && !r.removed.length) lines.push(a.noChange);
    if (r.queued) lines.push(a.alertsQueued(r.queued));
  }
  for (const e of r.fileErrors.slice(0, LIST)) lines.push(`⚠️ ${escapeHtml(e.file)}: ${escapeHtml(e.error)}`);
  for (const w of r.fileWarnings.slice(0, LIST))
    lines.push(`ℹ️ ${escapeHtml(w.file)}: ${escapeHtml(w.warnings.join("; "))}`);
  return lines.join("\n");
}

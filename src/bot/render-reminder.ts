import type { ReminderCard } from "../alerts/reminder-card.ts";
import type { Messages } from "../i18n/messages.ts";
import { escapeHtml, linkHtml } from "./render-telegram.ts";

const TASK_CHARS = 300;

/** A deadline reminder: days left, the deadline's words, the body, the document and item, the task, a link. */
export function renderReminder(c: ReminderCard, t: Messages): string {
  const task = c.task.length > TASK_CHARS ? `${c.task.slice(0, c.task.lastIndexOf(" ", TASK_CHARS))} …` : c.task;
  return [
    `<b>${escapeHtml(c.heading)}</b>`,
    `<b>${escapeHtml(c.deadline)}</b>`,
    c.actor ? `<b>${escapeHtml(c.actor)}</b>` : "",
    `📄 ${escapeHtml(c.cite)}`,
    escapeHtml(task),
    linkHtml(c.url, t.open),
  ]
    .filter(Boolean)
    .join("\n");
}

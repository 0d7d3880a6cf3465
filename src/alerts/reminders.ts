import { createHash } from "node:crypto";
import { findAssignments } from "../answer/assignments.ts";
import { looksLikeBody, type BodyMatcher } from "../corpus/match-body.ts";
import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import type { DeliveryRequest } from "../store/delivery-queue.ts";
import type { Subscription } from "../store/subscriptions.ts";

/**
 * Deadline reminders: a group subscribed with a unit filter (`/dangky UBND huyện`) gets one message
 * REMINDER_DAYS before each dated deadline assigned to that unit. Rows go into the delivery queue with a
 * not-before time and a key per (deadline, passage, chat): queuing them again after a restart or a reload adds
 * nothing, and a deadline already past when the corpus loads is never queued.
 */

export const REMINDER_DAYS = 3;
const DAY_MS = 86_400_000;
/** Reminders go out at 08:00 in Vietnam (UTC+7) on their day, not at midnight. */
const SEND_HOUR_UTC = 1;

/** Renders one reminder for the channel (Telegram HTML); `daysLeft` counts from the day it is queued for. */
export type RenderReminder = (doc: CorpusDocument, passage: Passage, deadline: string, daysLeft: number) => string;

export interface ReminderDeps {
  matcher: BodyMatcher;
  render: RenderReminder;
  now: () => number;
}

const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The reminder rows the corpus calls for, for every active unit subscription. */
export function planReminders(
  corpus: Corpus,
  subscriptions: readonly Subscription[],
  deps: ReminderDeps,
): DeliveryRequest[] {
  const today = new Date(deps.now()).toISOString().slice(0, 10);
  const rows: DeliveryRequest[] = [];
  // Per unit, the chats (and forum topics) subscribed to it, each once.
  const units = new Map<string, Map<string, { chatId: number; threadId: number }>>();
  for (const s of subscriptions) {
    if (!s.active || !s.filter || !looksLikeBody(s.filter)) continue;
    const chats = units.get(s.filter) ?? new Map();
    chats.set(`${s.chatId}:${s.threadId}`, { chatId: s.chatId, threadId: s.threadId });
    units.set(s.filter, chats);
  }
  for (const [unit, chats] of units) {
    for (const a of findAssignments(unit, corpus, deps.matcher)) {
      if (a.document.meta.status === "superseded") continue;
      for (const p of a.passages) {
        for (const deadline of p.deadlines ?? []) {
          if (!deadline.date || deadline.date < today) continue;
          const sendAt = dayStart(deadline.date) - REMINDER_DAYS * DAY_MS + SEND_HOUR_UTC * 3_600_000;
          const daysLeft = Math.max(0, Math.round((dayStart(deadline.date) - dayStart(today)) / DAY_MS));
          const text = deps.render(a.document, p, deadline.text, Math.min(REMINDER_DAYS, daysLeft));
          const key = `reminder:${deadline.date}:${createHash("sha256").update(p.id).digest("hex").slice(0, 16)}`;
          for (const { chatId, threadId } of chats.values()) {
            rows.push({
              docId: a.document.meta.docId,
              contentHash: key,
              kind: "reminder",
              chatId,
              threadId,
              text,
              notBefore: sendAt,
            });
          }
        }
      }
    }
  }
  return rows;
}

import type { Corpus, CorpusDocument } from "../corpus/types.ts";
import type { AlertButtons } from "../store/delivery-queue.ts";
import { detectChanges, type CorpusChanges } from "./detect-changes.ts";
import type { AlertChannel, ChatId, Subscriptions } from "../store/subscriptions.ts";
import { documentHaystack, matchesFilter } from "./match-filter.ts";

/** An alert as a channel rendered it for one document. */
export interface RenderedAlert {
  text: string;
  /** URL buttons, or undefined when no URL can be opened from the channel. */
  replyMarkup?: AlertButtons;
}

export interface AlertRow {
  docId: string;
  contentHash: string;
  kind: "new" | "updated";
  channel: AlertChannel;
  chatId: ChatId;
  /** Forum topic; 0: the chat itself. */
  threadId: number;
  text: string;
  replyMarkup?: AlertButtons;
}

export interface AnnounceDeps {
  subscriptions: Subscriptions;
  enqueue(rows: AlertRow[]): number;
  /** The alert as the channel shows it; called once per document and channel. */
  render(doc: CorpusDocument, kind: "new" | "updated", channel: AlertChannel): RenderedAlert;
  /** Alert on the very first load of an empty store too (default: record the corpus silently, no flood). */
  alertOnFirstLoad: boolean;
}

export interface Announcement {
  changes: CorpusChanges;
  firstLoad: boolean;
  queued: number;
}

/**
 * Compares a freshly loaded corpus with the documents the store knows and queues one alert per new or really
 * changed document for every matching subscribed chat. Alerts are queued before the corpus is recorded as known:
 * a crash in between queues them again on the next load, where the queue's uniqueness drops the repeats.
 */
export function announceCorpus(corpus: Corpus, deps: AnnounceDeps): Announcement {
  const known = deps.subscriptions.knownDocuments();
  const current = new Map([...corpus.documents.values()].map((d) => [d.meta.docId, d.contentHash]));
  const changes = detectChanges(known, current);
  const firstLoad = known.size === 0;
  let queued = 0;
  if (!firstLoad || deps.alertOnFirstLoad) {
    const subscribers = deps.subscriptions.active();
    const rows: AlertRow[] = [];
    for (const [kind, ids] of [
      ["new", changes.added],
      ["updated", changes.changed],
    ] as const) {
      for (const docId of ids) {
        const doc = corpus.documents.get(docId)!;
        const hay = documentHaystack(doc);
        // One alert per chat and topic, however many of its filters match; rendered once per channel.
        const targets = new Map<string, { channel: AlertChannel; chatId: ChatId; threadId: number }>();
        for (const s of subscribers) {
          if (matchesFilter(hay, s.filter))
            targets.set(`${s.channel}:${s.chatId}:${s.threadId}`, {
              channel: s.channel,
              chatId: s.chatId,
              threadId: s.threadId,
            });
        }
        const rendered = new Map<AlertChannel, RenderedAlert>();
        for (const { channel, chatId, threadId } of targets.values()) {
          let alert = rendered.get(channel);
          if (!alert) rendered.set(channel, (alert = deps.render(doc, kind, channel)));
          const markup = alert.replyMarkup ? { replyMarkup: alert.replyMarkup } : {};
          rows.push({
            docId,
            contentHash: doc.contentHash,
            kind,
            channel,
            chatId,
            threadId,
            text: alert.text,
            ...markup,
          });
        }
      }
    }
    queued = rows.length ? deps.enqueue(rows) : 0;
  }
  deps.subscriptions.recordDocuments(current, changes.removed);
  return { changes, firstLoad, queued };
}

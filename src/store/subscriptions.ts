import type { Database } from "better-sqlite3";

/** The messaging channels alerts go out on. */
export type AlertChannel = "telegram" | "zalo";
/** Telegram's integer chat id, or another channel's id qualified by it ("zalo:<id>"). */
export type ChatId = number | string;

export interface Subscription {
  id: number;
  channel: AlertChannel;
  chatId: ChatId;
  /** Forum topic the subscription was made in; 0: the chat itself (no topic, or General). */
  threadId: number;
  chatType: string;
  /** Folded words an alert must contain ("kien giang", "chi thi", "tiem chung"); "" takes every document. */
  filter: string;
  active: boolean;
  pausedReason: string | null;
}

export interface Subscriptions {
  /** `threadId` defaults to 0 (the chat itself), `channel` to Telegram. */
  subscribe(
    chatId: ChatId,
    chatType: string,
    filter: string,
    by: ChatId | null,
    threadId?: number,
    channel?: AlertChannel,
  ): "added" | "exists";
  /** Without `threadId`, every topic of the chat; without `filter`, every filter. */
  unsubscribe(chatId: ChatId, filter?: string, threadId?: number): number;
  /** Without `threadId`, every topic of the chat. */
  list(chatId: ChatId, threadId?: number): Subscription[];
  active(): Subscription[];
  pause(chatId: ChatId, reason: string): number;
  resume(chatId: ChatId): number;
  knownDocuments(): Map<string, string>;
  recordDocuments(current: ReadonlyMap<string, string>, removed: readonly string[]): void;
}

interface Row {
  id: number;
  channel: AlertChannel;
  chat_id: ChatId;
  thread_id: number;
  chat_type: string;
  filter: string;
  active: number;
  paused_reason: string | null;
}

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  channel: r.channel,
  chatId: r.chat_id,
  threadId: r.thread_id,
  chatType: r.chat_type,
  filter: r.filter,
  active: r.active === 1,
  pausedReason: r.paused_reason,
});

export function createSubscriptions(db: Database, now: () => Date = () => new Date()): Subscriptions {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO subscriptions (chat_id, thread_id, chat_type, filter, active, created_by, created_at, updated_at, channel) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
  );
  const reactivate = db.prepare(
    "UPDATE subscriptions SET active = 1, paused_reason = NULL, updated_at = ? WHERE chat_id = ? AND thread_id = ? AND filter = ? AND active = 0",
  );
  // thread_id IS ? with NULL: any topic.
  const removeOne = db.prepare(
    "DELETE FROM subscriptions WHERE chat_id = ? AND filter = ? AND (? IS NULL OR thread_id = ?)",
  );
  const removeAll = db.prepare("DELETE FROM subscriptions WHERE chat_id = ? AND (? IS NULL OR thread_id = ?)");
  const byChat = db.prepare(
    "SELECT * FROM subscriptions WHERE chat_id = ? AND (? IS NULL OR thread_id = ?) ORDER BY id",
  );
  const allActive = db.prepare("SELECT * FROM subscriptions WHERE active = 1 ORDER BY id");
  const pause = db.prepare(
    "UPDATE subscriptions SET active = 0, paused_reason = ?, updated_at = ? WHERE chat_id = ? AND active = 1",
  );
  const resume = db.prepare(
    "UPDATE subscriptions SET active = 1, paused_reason = NULL, updated_at = ? WHERE chat_id = ? AND active = 0",
  );
  const known = db.prepare("SELECT doc_id, content_hash FROM known_documents WHERE removed_at IS NULL");
  const upsertKnown = db.prepare(
    "INSERT INTO known_documents (doc_id, content_hash, first_seen, last_seen) VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, last_seen = excluded.last_seen, removed_at = NULL",
  );
  const markRemoved = db.prepare("UPDATE known_documents SET removed_at = ? WHERE doc_id = ? AND removed_at IS NULL");
  const record = db.transaction((current: ReadonlyMap<string, string>, removed: readonly string[]) => {
    const at = now().toISOString();
    for (const [docId, hash] of current) upsertKnown.run(docId, hash, at, at);
    for (const docId of removed) markRemoved.run(at, docId);
  });

  return {
    subscribe(chatId, chatType, filter, by, threadId = 0, channel = "telegram") {
      const at = now().toISOString();
      if (insert.run(chatId, threadId, chatType, filter, by, at, at, channel).changes > 0) return "added";
      return reactivate.run(at, chatId, threadId, filter).changes > 0 ? "added" : "exists";
    },
    unsubscribe(chatId, filter, threadId) {
      const t = threadId ?? null;
      return (filter === undefined ? removeAll.run(chatId, t, t) : removeOne.run(chatId, filter, t, t)).changes;
    },
    list: (chatId, threadId) => (byChat.all(chatId, threadId ?? null, threadId ?? null) as Row[]).map(toSubscription),
    active: () => (allActive.all() as Row[]).map(toSubscription),
    pause: (chatId, reason) => pause.run(reason, now().toISOString(), chatId).changes,
    resume: (chatId) => resume.run(now().toISOString(), chatId).changes,
    knownDocuments: () =>
      new Map((known.all() as { doc_id: string; content_hash: string }[]).map((r) => [r.doc_id, r.content_hash])),
    recordDocuments: (current, removed) => record(current, removed),
  };
}

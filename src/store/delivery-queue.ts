import type { Database } from "better-sqlite3";
import type { AlertChannel, ChatId } from "./subscriptions.ts";

export type AlertKind = "new" | "updated" | "reminder";

/** URL buttons under an alert, in rows: the shape of a Telegram inline keyboard, stored as JSON as it is sent. */
export interface AlertButtons {
  inline_keyboard: { text: string; url: string }[][];
}
export type DeliveryState = "pending" | "sending" | "sent" | "failed" | "inactive";

/** One alert to queue: a document version for one chat, already rendered. */
export interface DeliveryRequest {
  docId: string;
  contentHash: string;
  kind: AlertKind;
  /** The channel that sends it (default Telegram). */
  channel?: AlertChannel;
  chatId: ChatId;
  /** Forum topic the alert goes to; 0 or absent: the chat itself. */
  threadId?: number;
  /** Rendered for its channel: Telegram HTML ≤ 4096 characters, Zalo plain text ≤ 2000. */
  text: string;
  replyMarkup?: AlertButtons;
  /** Epoch ms before which it is not sent (a reminder waits for its day); default now. */
  notBefore?: number;
}

export interface Delivery {
  id: number;
  docId: string;
  contentHash: string;
  kind: AlertKind;
  channel: AlertChannel;
  chatId: ChatId;
  /** Forum topic; 0: the chat itself (no topic, or General). */
  threadId: number;
  state: DeliveryState;
  /** API calls that counted against the worker's maxAttempts (429 waits and migrations do not). */
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  lastError: string | null;
  text: string;
  replyMarkup: AlertButtons | undefined;
  /** ISO 8601, UTC. */
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryCounts {
  docId: string;
  /** pending or sending */
  queued: number;
  sent: number;
  failed: number;
  inactive: number;
}

export interface DeliveryQueue {
  /** Queues each request unless that document version is already queued (or sent) for that chat; returns how many were new. */
  enqueue(requests: readonly DeliveryRequest[]): number;
  /**
   * Pending rows whose time has come, oldest first; rows of `excludeChatIds` (chats in their cool-down) are left out,
   * and with `channels`, rows of any other channel (one that is off or paused).
   */
  due(limit: number, excludeChatIds?: readonly ChatId[], channels?: readonly AlertChannel[]): Delivery[];
  /** Claims a pending row (pending → sending, one more attempt) and returns it as it is now; undefined when it is no longer pending. */
  markSending(id: number): Delivery | undefined;
  markSent(id: number): void;
  /** Back to pending at `atMs`. `countAttempt: false` gives back the attempt markSending took (a 429 is not the message's fault). */
  retryLater(id: number, atMs: number, error: string, options?: { countAttempt?: boolean }): void;
  markFailed(id: number, error: string): void;
  /** The chat is gone for us (bot blocked or kicked, chat not found): pauses all its subscriptions and drops its queued rows. Returns the rows dropped. */
  markInactive(chatId: ChatId, reason: string): number;
  /** The chat (with `threadId`, that topic only) unsubscribed: its alerts not yet sent are dropped (one in flight still goes). Returns the rows dropped. */
  cancelQueued(chatId: ChatId, reason: string, threadId?: number): number;
  /** A group became a supergroup: subscriptions and queued rows follow it to the new id. */
  migrateChat(oldChatId: ChatId, newChatId: ChatId): void;
  /** Rows a crashed worker left in 'sending' go back to 'pending'; returns how many. Call once, before the only worker starts. */
  recoverInFlight(): number;
  /** Per document, most recently queued first; with `docIds`, exactly those, in that order (zeros when none). */
  counts(docIds?: readonly string[]): DeliveryCounts[];
}

interface Row {
  id: number;
  doc_id: string;
  content_hash: string;
  kind: AlertKind;
  channel: AlertChannel;
  chat_id: ChatId;
  thread_id: number;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  message_text: string;
  reply_markup: string | null;
  created_at: string;
  sent_at: string | null;
}

type CountRow = Omit<DeliveryCounts, "docId"> & { doc_id: string };

const COUNT_COLUMNS = `doc_id,
  SUM(state IN ('pending', 'sending')) AS queued, SUM(state = 'sent') AS sent,
  SUM(state = 'failed') AS failed, SUM(state = 'inactive') AS inactive`;

/** The statements on deliveries: queue, claim, settle, count. Preparing them does not touch a row. */
function deliveryStatements(db: Database) {
  // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: the same "a version is queued once per chat", but a bad
  // kind still fails loudly (OR IGNORE would also swallow CHECK and NOT NULL violations).
  const insert = db.prepare<
    [string, string, AlertKind, ChatId, number, number, string, string | null, string, AlertChannel]
  >(
    `INSERT INTO deliveries (doc_id, content_hash, kind, chat_id, thread_id, next_attempt_at, message_text, reply_markup, created_at, channel)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, content_hash, chat_id, thread_id) DO NOTHING`,
  );
  // Chat ids travel as a JSON array: one prepared statement whatever their number.
  const selectDue = db.prepare<[number, string, string | null, string, number], Row>(
    `SELECT * FROM deliveries
     WHERE state = 'pending' AND next_attempt_at <= ? AND chat_id NOT IN (SELECT value FROM json_each(?))
       AND (? IS NULL OR channel IN (SELECT value FROM json_each(?)))
     ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const claim = db.prepare<[number], Row>(
    "UPDATE deliveries SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending' RETURNING *",
  );
  const sent = db.prepare<[string, number]>(
    "UPDATE deliveries SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND state = 'sending'",
  );
  const retry = db.prepare<[number, string, number, number]>(
    "UPDATE deliveries SET state = 'pending', next_attempt_at = ?, last_error = ?, attempts = MAX(attempts - ?, 0) WHERE id = ? AND state = 'sending'",
  );
  const failed = db.prepare<[string, number]>(
    "UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ? AND state IN ('pending', 'sending')",
  );
  const recover = db.prepare("UPDATE deliveries SET state = 'pending' WHERE state = 'sending'");
  const countAll = db.prepare<[], CountRow>(
    `SELECT ${COUNT_COLUMNS} FROM deliveries GROUP BY doc_id ORDER BY MAX(id) DESC`,
  );
  const countSome = db.prepare<[string], CountRow>(
    `SELECT ${COUNT_COLUMNS} FROM deliveries WHERE doc_id IN (SELECT value FROM json_each(?)) GROUP BY doc_id`,
  );

  const dropPending = db.prepare<[string, ChatId]>(
    "UPDATE deliveries SET state = 'inactive', last_error = ? WHERE chat_id = ? AND state = 'pending'",
  );
  const dropPendingOfThread = db.prepare<[string, ChatId, number]>(
    "UPDATE deliveries SET state = 'inactive', last_error = ? WHERE chat_id = ? AND thread_id = ? AND state = 'pending'",
  );
  return {
    insert,
    selectDue,
    claim,
    sent,
    retry,
    failed,
    recover,
    countAll,
    countSome,
    dropPending,
    dropPendingOfThread,
  };
}

/** A chat gone (its subscriptions paused, its queue dropped) or migrated to a supergroup, each in one transaction. */
function chatTransactions(db: Database, iso: () => string) {
  const pauseSubscriptions = db.prepare<[string, string, ChatId]>(
    "UPDATE subscriptions SET active = 0, paused_reason = ?, updated_at = ? WHERE chat_id = ?",
  );
  const dropQueued = db.prepare<[string, ChatId]>(
    "UPDATE deliveries SET state = 'inactive', last_error = ? WHERE chat_id = ? AND state IN ('pending', 'sending')",
  );
  // UNIQUE (chat_id, thread_id, filter) and UNIQUE (doc_id, content_hash, chat_id, thread_id): rows the new chat already has win.
  const dropShadowedSubscriptions = db.prepare<[ChatId, ChatId]>(
    `DELETE FROM subscriptions AS old WHERE old.chat_id = ?
     AND EXISTS (SELECT 1 FROM subscriptions AS new WHERE new.chat_id = ? AND new.filter = old.filter AND new.thread_id = old.thread_id)`,
  );
  const moveSubscriptions = db.prepare<[ChatId, string, ChatId]>(
    // Only a group migrates, and always to a supergroup.
    "UPDATE subscriptions SET chat_id = ?, chat_type = 'supergroup', updated_at = ? WHERE chat_id = ?",
  );
  const dropShadowedDeliveries = db.prepare<[ChatId, ChatId]>(
    `DELETE FROM deliveries AS old WHERE old.chat_id = ? AND old.state IN ('pending', 'sending')
     AND EXISTS (SELECT 1 FROM deliveries AS new WHERE new.chat_id = ? AND new.doc_id = old.doc_id AND new.content_hash = old.content_hash
                 AND new.thread_id = old.thread_id)`,
  );
  const moveDeliveries = db.prepare<[ChatId, ChatId]>(
    "UPDATE deliveries SET chat_id = ? WHERE chat_id = ? AND state IN ('pending', 'sending')",
  );
  const deactivate = db.transaction((chatId: ChatId, reason: string): number => {
    pauseSubscriptions.run(reason, iso(), chatId);
    return dropQueued.run(reason, chatId).changes;
  });
  const migrate = db.transaction((oldChatId: ChatId, newChatId: ChatId): void => {
    dropShadowedSubscriptions.run(oldChatId, newChatId);
    moveSubscriptions.run(newChatId, iso(), oldChatId);
    dropShadowedDeliveries.run(oldChatId, newChatId);
    moveDeliveries.run(newChatId, oldChatId);
  });
  return { deactivate, migrate };
}

/** Queues a batch in one transaction: a version already queued for a chat (and thread) is not queued again. */
function enqueueTransaction(
  db: Database,
  insert: ReturnType<typeof deliveryStatements>["insert"],
  now: () => number,
  iso: () => string,
) {
  return db.transaction((requests: readonly DeliveryRequest[]): number => {
    const at = now();
    const createdAt = iso();
    let inserted = 0;
    for (const r of requests) {
      const markup = r.replyMarkup === undefined ? null : JSON.stringify(r.replyMarkup);
      const due = Math.max(at, r.notBefore ?? at);
      const channel = r.channel ?? "telegram";
      inserted += insert.run(
        r.docId,
        r.contentHash,
        r.kind,
        r.chatId,
        r.threadId ?? 0,
        due,
        r.text,
        markup,
        createdAt,
        channel,
      ).changes;
    }
    return inserted;
  });
}

export function createDeliveryQueue(db: Database, now: () => number = Date.now): DeliveryQueue {
  const iso = () => new Date(now()).toISOString();
  const st = deliveryStatements(db);
  const { deactivate, migrate } = chatTransactions(db, iso);
  const enqueueAll = enqueueTransaction(db, st.insert, now, iso);

  return {
    enqueue: (requests) => enqueueAll(requests),
    due(limit, excludeChatIds = [], channels) {
      if (!Number.isInteger(limit) || limit < 1) {
        throw new RangeError(`delivery queue: due expects a positive integer limit, got ${limit}`);
      }
      const only = channels === undefined ? null : JSON.stringify(channels);
      return st.selectDue.all(now(), JSON.stringify(excludeChatIds), only, only ?? "[]", limit).map(toDelivery);
    },
    markSending(id) {
      const row = st.claim.get(id);
      return row && toDelivery(row);
    },
    markSent(id) {
      st.sent.run(iso(), id);
    },
    retryLater(id, atMs, error, options = {}) {
      if (!Number.isFinite(atMs)) throw new RangeError(`delivery queue: retryLater expects epoch ms, got ${atMs}`);
      st.retry.run(Math.round(atMs), error, options.countAttempt === false ? 1 : 0, id);
    },
    markFailed(id, error) {
      st.failed.run(error, id);
    },
    markInactive: (chatId, reason) => deactivate(chatId, reason),
    cancelQueued: (chatId, reason, threadId) =>
      (threadId === undefined
        ? st.dropPending.run(reason, chatId)
        : st.dropPendingOfThread.run(reason, chatId, threadId)
      ).changes,
    migrateChat(oldChatId, newChatId) {
      if (oldChatId === newChatId) return;
      migrate.immediate(oldChatId, newChatId);
    },
    recoverInFlight: () => st.recover.run().changes,
    counts(docIds) {
      if (docIds === undefined) return st.countAll.all().map(toCounts);
      const found = new Map(st.countSome.all(JSON.stringify(docIds)).map((r) => [r.doc_id, toCounts(r)]));
      return docIds.map((docId) => found.get(docId) ?? { docId, queued: 0, sent: 0, failed: 0, inactive: 0 });
    },
  };
}

function toDelivery(row: Row): Delivery {
  return {
    id: row.id,
    docId: row.doc_id,
    contentHash: row.content_hash,
    kind: row.kind,
    channel: row.channel,
    chatId: row.chat_id,
    threadId: row.thread_id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    text: row.message_text,
    replyMarkup: row.reply_markup === null ? undefined : (JSON.parse(row.reply_markup) as AlertButtons),
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function toCounts(row: CountRow): DeliveryCounts {
  return { docId: row.doc_id, queued: row.queued, sent: row.sent, failed: row.failed, inactive: row.inactive };
}

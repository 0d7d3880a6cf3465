import type { Database } from "better-sqlite3";

export type Channel = "telegram" | "inline" | "web" | "cli" | "zalo";
/** Telegram's integer ids; other channels' ids qualified by the channel ("zalo:<id>"). */
export type ChatRef = number | string;

/** One question as asked on a channel, and how the search fared. */
export interface QueryEntry {
  /** Telegram's chat type ("private", "group", "supergroup", "channel", "sender") or the channel's own word. */
  chatType: string;
  chatId: ChatRef | null;
  userId: ChatRef | null;
  lang: string;
  question: string;
  answered: boolean;
  topDocId: string | null;
  topSection: string | null;
  /** How many answers the search returned. */
  answers: number;
  latencyMs: number;
  channel: Channel;
}

export interface LoggedQuery extends QueryEntry {
  id: number;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export interface FeedbackCounts {
  up: number;
  down: number;
}

export interface QueryLog {
  /** Stores the entry (question in NFC) and returns its id, the one callback buttons carry. */
  record(entry: QueryEntry): number;
  get(id: number): LoggedQuery | undefined;
  /** A user's vote on a query; a later vote replaces the earlier one. False when the query is gone (purged). */
  setFeedback(queryId: number, userId: ChatRef, value: 1 | -1, channel?: Channel): boolean;
  feedbackCounts(queryId: number): FeedbackCounts;
  /** Deletes queries (and their feedback) older than `days` days; returns how many queries went. */
  purgeOlderThan(days: number): number;
}

interface Row {
  id: number;
  created_at: string;
  chat_type: string;
  chat_id: ChatRef | null;
  user_id: ChatRef | null;
  lang: string;
  question: string;
  answered: number;
  top_doc_id: string | null;
  top_section: string | null;
  answers: number;
  latency_ms: number;
  channel: Channel;
}

const DAY_MS = 86_400_000;

export function createQueryLog(db: Database, now: () => Date = () => new Date()): QueryLog {
  const insert = db.prepare<Omit<Row, "id">>(
    `INSERT INTO query_log (created_at, chat_type, chat_id, user_id, lang, question, answered, top_doc_id, top_section, answers, latency_ms, channel)
     VALUES (@created_at, @chat_type, @chat_id, @user_id, @lang, @question, @answered, @top_doc_id, @top_section, @answers, @latency_ms, @channel)`,
  );
  const select = db.prepare<[number], Row>("SELECT * FROM query_log WHERE id = ?");
  // INSERT … SELECT … WHERE EXISTS: a vote on a purged query is a no-op, not a foreign-key exception.
  const vote = db.prepare<[number, ChatRef, number, string, Channel, number]>(
    `INSERT INTO feedback (query_id, user_id, value, created_at, channel)
     SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM query_log WHERE id = ?)
     ON CONFLICT (query_id, user_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
  );
  const counts = db.prepare<[number], { up: number | null; down: number | null }>(
    "SELECT SUM(value = 1) AS up, SUM(value = -1) AS down FROM feedback WHERE query_id = ?",
  );
  const purge = db.prepare<[string]>("DELETE FROM query_log WHERE created_at < ?");

  return {
    record(entry) {
      const result = insert.run({
        created_at: now().toISOString(),
        chat_type: entry.chatType,
        chat_id: entry.chatId,
        user_id: entry.userId,
        lang: entry.lang,
        question: entry.question.normalize("NFC"),
        answered: entry.answered ? 1 : 0,
        top_doc_id: entry.topDocId,
        top_section: entry.topSection,
        answers: entry.answers,
        latency_ms: entry.latencyMs,
        channel: entry.channel,
      });
      return Number(result.lastInsertRowid);
    },
    get(id) {
      const row = select.get(id);
      return row && toEntry(row);
    },
    setFeedback(queryId, userId, value, channel = "telegram") {
      return vote.run(queryId, userId, value, now().toISOString(), channel, queryId).changes > 0;
    },
    feedbackCounts(queryId) {
      const row = counts.get(queryId);
      return { up: row?.up ?? 0, down: row?.down ?? 0 };
    },
    purgeOlderThan(days) {
      if (!Number.isFinite(days) || days < 0) {
        throw new RangeError(`store: purgeOlderThan expects a non-negative number of days, got ${days}`);
      }
      const cutoff = new Date(now().getTime() - days * DAY_MS).toISOString();
      return purge.run(cutoff).changes;
    },
  };
}

function toEntry(row: Row): LoggedQuery {
  return {
    id: row.id,
    createdAt: row.created_at,
    chatType: row.chat_type,
    chatId: row.chat_id,
    userId: row.user_id,
    lang: row.lang,
    question: row.question,
    answered: row.answered === 1,
    topDocId: row.top_doc_id,
    topSection: row.top_section,
    answers: row.answers,
    latencyMs: row.latency_ms,
    channel: row.channel,
  };
}

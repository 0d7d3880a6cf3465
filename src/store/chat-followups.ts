import type { Database } from "better-sqlite3";

/** An answer shown in a chat, as much as a follow-up needs to find it again. */
export interface ShownAnswer {
  docId: string;
  section: string | null;
  url: string;
  /** The cited passage's id (the answer model's detail); absent in rows saved before it was kept. */
  passageId?: string;
}

/**
 * What "thêm" and "1".."3" refer to in a chat without buttons: its last question and the answers shown so far.
 * Kept in SQLite (not memory) so a follow-up still works after a restart or a deploy between question and reply.
 */
export interface FollowUp {
  question: string;
  lang: "vi" | "en";
  /** The query-log row of the question (votes refer to it); null when the log was unavailable. */
  queryId: number | null;
  answers: ShownAnswer[];
}

export interface ChatFollowUps {
  get(chatKey: string): FollowUp | undefined;
  /** Replaces the chat's follow-up state (a new question, or more answers shown). */
  set(chatKey: string, state: FollowUp): void;
}

interface Row {
  question: string;
  lang: "vi" | "en";
  query_id: number | null;
  answers: string;
}

export function createChatFollowUps(db: Database, now: () => Date = () => new Date()): ChatFollowUps {
  const select = db.prepare<[string], Row>(
    "SELECT question, lang, query_id, answers FROM chat_followups WHERE chat_key = ?",
  );
  const upsert = db.prepare<[string, string, string, number | null, number, string, string]>(
    `INSERT INTO chat_followups (chat_key, question, lang, query_id, shown, answers, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (chat_key) DO UPDATE SET question = excluded.question, lang = excluded.lang, query_id = excluded.query_id,
       shown = excluded.shown, answers = excluded.answers, updated_at = excluded.updated_at`,
  );
  return {
    get(chatKey) {
      const row = select.get(chatKey);
      if (!row) return undefined;
      return {
        question: row.question,
        lang: row.lang,
        queryId: row.query_id,
        answers: JSON.parse(row.answers) as ShownAnswer[],
      };
    },
    set(chatKey, s) {
      upsert.run(
        chatKey,
        s.question.normalize("NFC"),
        s.lang,
        s.queryId,
        s.answers.length,
        JSON.stringify(s.answers),
        now().toISOString(),
      );
    },
  };
}

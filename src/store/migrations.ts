import type { Database } from "better-sqlite3";

/**
 * The schema, in order: MIGRATIONS[i] takes the database from version i to i + 1 (`PRAGMA user_version`).
 * Never edit a migration that has shipped; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: what the Telegram bot needs (issue 4): questions asked, votes on answers, /lang choices.
  `
  CREATE TABLE query_log (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    chat_id INTEGER,
    user_id INTEGER,
    lang TEXT NOT NULL,
    question TEXT NOT NULL,
    answered INTEGER NOT NULL,
    top_doc_id TEXT,
    top_section TEXT,
    answers INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    channel TEXT NOT NULL /* telegram|inline|web|cli */
  );
  CREATE INDEX query_log_created_at ON query_log (created_at);

  CREATE TABLE feedback (
    query_id INTEGER NOT NULL REFERENCES query_log (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (query_id, user_id)
  );

  CREATE TABLE user_prefs (
    user_id INTEGER PRIMARY KEY,
    lang TEXT CHECK (lang IN ('vi', 'en')),
    updated_at TEXT NOT NULL
  );
  `,
  // 2: new-directive alerts (issue 5): who subscribed, which document versions we have seen, one delivery row per
  // (document version, chat). next_attempt_at is epoch ms; message_text is the rendered HTML, reply_markup JSON or NULL.
  `
  CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, chat_type TEXT NOT NULL, filter TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, paused_reason TEXT, created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (chat_id, filter));
  CREATE TABLE known_documents (doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, removed_at TEXT);
  CREATE TABLE deliveries (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('new','updated')), chat_id INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed','inactive')), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, message_text TEXT NOT NULL, reply_markup TEXT, created_at TEXT NOT NULL, sent_at TEXT, UNIQUE (doc_id, content_hash, chat_id));
  CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
  `,
  // 3: admins' actions, and the English glossary entries they add from the chat.
  `
  CREATE TABLE audit_log (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, actor_id INTEGER, action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL CHECK (outcome IN ('ok','refused','failed')), detail TEXT);
  CREATE INDEX audit_log_created ON audit_log (created_at);
  CREATE TABLE glossary_extra (en TEXT PRIMARY KEY, vi TEXT NOT NULL, added_by INTEGER, created_at TEXT NOT NULL);
  `,
  // 4: forum topics (issue 13): a subscription made in a topic belongs to that topic, and its alerts go there.
  // thread_id 0 is the chat itself (no topic, or a forum's General topic, which Telegram addresses without an id).
  // The UNIQUE keys gain thread_id, which SQLite cannot alter in place: both tables are rebuilt, rows and ids kept.
  `
  CREATE TABLE subscriptions_v4 (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, thread_id INTEGER NOT NULL DEFAULT 0, chat_type TEXT NOT NULL, filter TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, paused_reason TEXT, created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (chat_id, thread_id, filter));
  INSERT INTO subscriptions_v4 (id, chat_id, chat_type, filter, active, paused_reason, created_by, created_at, updated_at)
    SELECT id, chat_id, chat_type, filter, active, paused_reason, created_by, created_at, updated_at FROM subscriptions;
  DROP TABLE subscriptions;
  ALTER TABLE subscriptions_v4 RENAME TO subscriptions;

  CREATE TABLE deliveries_v4 (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('new','updated')), chat_id INTEGER NOT NULL, thread_id INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed','inactive')), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT, message_text TEXT NOT NULL, reply_markup TEXT, created_at TEXT NOT NULL, sent_at TEXT, UNIQUE (doc_id, content_hash, chat_id, thread_id));
  INSERT INTO deliveries_v4 (id, doc_id, content_hash, kind, chat_id, state, attempts, next_attempt_at, last_error, message_text, reply_markup, created_at, sent_at)
    SELECT id, doc_id, content_hash, kind, chat_id, state, attempts, next_attempt_at, last_error, message_text, reply_markup, created_at, sent_at FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v4 RENAME TO deliveries;
  CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
  `,
];

export interface MigrationResult {
  from: number;
  to: number;
}

function schemaVersion(db: Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Brings the database up to MIGRATIONS.length, one transaction per migration, so a failure leaves the
 * last good version. IMMEDIATE takes the write lock before re-reading the version: two processes
 * opening the same file at once cannot both apply a migration.
 */
export function runMigrations(db: Database, migrations: readonly string[] = MIGRATIONS): MigrationResult {
  const from = schemaVersion(db);
  if (from > migrations.length) {
    throw new Error(`schema version ${from} is newer than this program knows (${migrations.length})`);
  }
  const applyNext = db.transaction((): boolean => {
    const current = schemaVersion(db);
    const sql = migrations[current];
    if (sql === undefined) return false;
    try {
      db.exec(sql);
    } catch (error) {
      throw new Error(`migration ${current + 1} failed: ${(error as Error).message}`, { cause: error });
    }
    // user_version lives in the database header, so this write commits or rolls back with the migration.
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (applyNext.immediate()) {
    // one migration per transaction
  }
  return { from, to: schemaVersion(db) };
}

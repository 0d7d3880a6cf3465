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

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Database as SqliteDatabase } from "better-sqlite3";
import { runMigrations } from "./migrations.ts";
import { createQueryLog } from "./query-log.ts";
import type { QueryLog } from "./query-log.ts";
import { createUserPrefs } from "./user-prefs.ts";
import type { UserPrefs } from "./user-prefs.ts";

/** The state database could not be opened or brought up to date. Names the file and keeps the cause. */
export class StoreError extends Error {
  override name = "StoreError";
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`store: ${message}`, options);
  }
}

export interface Store {
  db: SqliteDatabase;
  /** The file opened (`STATE_DIR/state.db`), or ":memory:". */
  file: string;
  /** `PRAGMA user_version` after migrations. */
  schemaVersion: number;
  queryLog: QueryLog;
  userPrefs: UserPrefs;
  close(): void;
}

export interface StoreOptions {
  /** The clock used for created_at/updated_at; tests pass a fixed one. */
  now?: () => Date;
}

const MEMORY = ":memory:";

/**
 * Opens (creating if needed) `stateDir/state.db`, or an in-memory database when stateDir is ":memory:",
 * and migrates it to the current schema.
 */
export function openStore(stateDir: string, options: StoreOptions = {}): Store {
  const file = stateDir === MEMORY ? MEMORY : join(stateDir, "state.db");
  let db: SqliteDatabase | undefined;
  let schemaVersion: number;
  try {
    if (file !== MEMORY) mkdirSync(stateDir, { recursive: true });
    db = new Database(file, { timeout: 5000 });
    // WAL: readers never block the writer; NORMAL is durable across crashes of the process (not of the OS) in WAL mode.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    // Per connection, off by default: without it feedback would not cascade when a query is purged.
    db.pragma("foreign_keys = ON");
    schemaVersion = runMigrations(db).to;
  } catch (error) {
    db?.close();
    throw new StoreError(file, `cannot open ${file}: ${(error as Error).message}`, { cause: error });
  }
  const now = options.now ?? (() => new Date());
  const opened = db;
  return {
    db: opened,
    file,
    schemaVersion,
    queryLog: createQueryLog(opened, now),
    userPrefs: createUserPrefs(opened, now),
    close: () => {
      if (opened.open) opened.close();
    },
  };
}

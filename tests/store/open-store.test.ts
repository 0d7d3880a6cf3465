import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS, runMigrations } from "../../src/store/migrations.ts";
import { openStore, StoreError } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/open-store.ts";

/** Every table the migrations create. */
const TABLES = [
  "audit_log",
  "chat_followups",
  "deliveries",
  "feedback",
  "glossary_extra",
  "known_documents",
  "query_log",
  "subscriptions",
  "user_prefs",
];

const dirs: string[] = [];
const stores: Store[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "store-test-"));
  dirs.push(dir);
  return dir;
}

function open(stateDir: string): Store {
  const store = openStore(stateDir);
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tableNames(store: Store): string[] {
  return store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}

describe("openStore", () => {
  it("creates STATE_DIR and state.db, migrated to the latest version", () => {
    const stateDir = join(tempDir(), "nested", "var");
    const store = open(stateDir);
    expect(store.file).toBe(join(stateDir, "state.db"));
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(tableNames(store)).toEqual(TABLES);
    const indexes = store.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'query_log' AND sql IS NOT NULL",
      )
      .all();
    expect(indexes.map((i) => i.name)).toEqual(["query_log_created_at"]);
  });

  it("sets WAL, synchronous NORMAL, busy_timeout and foreign keys", () => {
    const store = open(tempDir());
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("is idempotent across reopen: migrations run once, data survives", () => {
    const stateDir = tempDir();
    const first = open(stateDir);
    const id = first.queryLog.record({
      chatType: "private",
      chatId: 1,
      userId: 1,
      lang: "vi",
      question: "ai chịu trách nhiệm?",
      answered: false,
      topDocId: null,
      topSection: null,
      answers: 0,
      latencyMs: 1,
      channel: "cli",
    });
    first.close();
    first.close(); // a second close is harmless

    const second = open(stateDir);
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    expect(tableNames(second)).toEqual(TABLES);
    expect(second.queryLog.get(id)?.question).toBe("ai chịu trách nhiệm?");
    expect(runMigrations(second.db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it("two connections to one file share the data (WAL)", () => {
    const stateDir = tempDir();
    const writer = open(stateDir);
    const reader = open(stateDir);
    writer.userPrefs.setLang(7, "en");
    expect(reader.userPrefs.getLang(7)).toBe("en");
  });

  it("applies migrations in order, one transaction each; a failing one leaves the last good version", () => {
    const db = new Database(":memory:");
    try {
      const steps = ["CREATE TABLE a (x)", "CREATE TABLE b (y); INSERT INTO nowhere VALUES (1)", "CREATE TABLE c (z)"];
      expect(() => runMigrations(db, steps)).toThrow(/^migration 2 failed: no such table: nowhere$/);
      expect(db.pragma("user_version", { simple: true })).toBe(1);
      const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      expect(names.map((n) => n.name)).toEqual(["a"]); // b rolled back with its migration
      expect(runMigrations(db, steps.slice(0, 1))).toEqual({ from: 1, to: 1 });
    } finally {
      db.close();
    }
  });

  it("allows :memory: for tests", () => {
    const store = open(":memory:");
    expect(store.file).toBe(":memory:");
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.userPrefs.setLang(1, "vi");
    expect(store.userPrefs.getLang(1)).toBe("vi");
  });
});

describe("openStore errors name the component and the path", () => {
  it("an unwritable STATE_DIR (a path under a regular file)", () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "x");
    const stateDir = join(file, "var");
    const dbFile = join(stateDir, "state.db");
    let caught: unknown;
    try {
      openStore(stateDir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    const error = caught as StoreError;
    expect(error.message).toBe(`store: cannot open ${dbFile}: ENOTDIR: not a directory, mkdir '${stateDir}'`);
    expect(error.file).toBe(dbFile);
    expect((error.cause as NodeJS.ErrnoException).code).toBe("ENOTDIR");
  });

  it("a relative STATE_DIR is named as given (here it is itself a regular file)", () => {
    const cwd = process.cwd();
    const root = tempDir();
    writeFileSync(join(root, "var"), "a file where the folder should be");
    process.chdir(root);
    try {
      expect(() => openStore("var")).toThrow(
        "store: cannot open var/state.db: EEXIST: file already exists, mkdir 'var'",
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it("a state.db that is not a database", () => {
    const stateDir = tempDir();
    writeFileSync(
      join(stateDir, "state.db"),
      "this is not SQLite, just a text file long enough to have a header ".repeat(4),
    );
    expect(() => openStore(stateDir)).toThrow(
      `store: cannot open ${join(stateDir, "state.db")}: file is not a database`,
    );
  });

  it("a database from a newer program", () => {
    const stateDir = tempDir();
    const db = new Database(join(stateDir, "state.db"));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openStore(stateDir)).toThrow(
      `store: cannot open ${join(stateDir, "state.db")}: schema version ${MIGRATIONS.length + 1} is newer than this program knows (${MIGRATIONS.length})`,
    );
  });
});

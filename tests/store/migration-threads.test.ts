import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS, runMigrations } from "../../src/store/migrations.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("migration 4: forum topics", () => {
  it("keeps every subscription and delivery of a version-3 database, in the chat itself (thread 0), ids unchanged", () => {
    const dir = mkdtempSync(join(tmpdir(), "migration-threads-"));
    dirs.push(dir);
    const db = new Database(join(dir, "state.db"));
    runMigrations(db, MIGRATIONS.slice(0, 3));
    const at = "2026-11-24T00:00:00.000Z";
    db.prepare(
      "INSERT INTO subscriptions (id, chat_id, chat_type, filter, created_at, updated_at) VALUES (7, -100, 'supergroup', 'kien giang', ?, ?)",
    ).run(at, at);
    db.prepare(
      "INSERT INTO deliveries (id, doc_id, content_hash, kind, chat_id, state, attempts, next_attempt_at, message_text, created_at) VALUES (9, 'cv-146', 'h1', 'new', -100, 'pending', 2, 5, 'x', ?)",
    ).run(at);
    expect(runMigrations(db)).toEqual({ from: 3, to: MIGRATIONS.length });
    expect(db.prepare("SELECT id, chat_id, thread_id, filter, active FROM subscriptions").all()).toEqual([
      { id: 7, chat_id: -100, thread_id: 0, filter: "kien giang", active: 1 },
    ]);
    expect(db.prepare("SELECT id, chat_id, thread_id, state, attempts FROM deliveries").all()).toEqual([
      { id: 9, chat_id: -100, thread_id: 0, state: "pending", attempts: 2 },
    ]);
    // The same filter in another topic of the chat is its own subscription; the same one twice is not.
    const add = db.prepare(
      "INSERT OR IGNORE INTO subscriptions (chat_id, thread_id, chat_type, filter, created_at, updated_at) VALUES (-100, ?, 'supergroup', 'kien giang', ?, ?)",
    );
    expect(add.run(31, at, at).changes).toBe(1);
    expect(add.run(31, at, at).changes).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'deliveries_due'").get()).toEqual(
      { name: "deliveries_due" },
    );
    db.close();
  });
});

import type { Database } from "better-sqlite3";
import type { AuditEntry, AuditLog } from "../admin/types.ts";

/** Who did what as an admin (or tried to), when, and how it ended. */
export function createAuditLog(
  db: Database,
  now: () => Date = () => new Date(),
): AuditLog & { recent(limit: number): (AuditEntry & { createdAt: string })[] } {
  const insert = db.prepare(
    "INSERT INTO audit_log (created_at, actor_id, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const recent = db.prepare(
    "SELECT created_at AS createdAt, actor_id AS actorId, action, target, outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?",
  );
  return {
    record: (e) =>
      void insert.run(
        now().toISOString(),
        e.actorId,
        e.action,
        e.target ?? null,
        e.outcome,
        e.detail ? e.detail.slice(0, 2000) : null,
      ),
    recent: (limit) => recent.all(limit) as (AuditEntry & { createdAt: string })[],
  };
}

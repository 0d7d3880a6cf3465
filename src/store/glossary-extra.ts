import type { Database } from "better-sqlite3";

export interface GlossaryEntry {
  en: string;
  vi: string[];
}

/** English glossary entries admins add from the chat; merged into the lexicon at the next reload. */
export function createGlossaryExtra(db: Database, now: () => Date = () => new Date()) {
  const upsert = db.prepare(
    "INSERT INTO glossary_extra (en, vi, added_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (en) DO UPDATE SET vi = excluded.vi, added_by = excluded.added_by, created_at = excluded.created_at",
  );
  const all = db.prepare("SELECT en, vi FROM glossary_extra ORDER BY en");
  return {
    add(entry: GlossaryEntry, by: number | null): void {
      upsert.run(entry.en, JSON.stringify(entry.vi), by, now().toISOString());
    },
    all(): GlossaryEntry[] {
      return (all.all() as { en: string; vi: string }[]).map((r) => ({ en: r.en, vi: JSON.parse(r.vi) as string[] }));
    },
  };
}

import type { Database } from "better-sqlite3";

export interface GlossaryEntry {
  en: string;
  vi: string[];
}

/** English glossary entries admins add from the chat; merged into the lexicon at the next reload. */
export function createGlossaryExtra(db: Database, now: () => Date = () => new Date()) {
  const upsert = db.prepare("INSERT INTO glossary_extra (en, vi, added_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (en) DO UPDATE SET vi = excluded.vi, added_by = excluded.added_by, created_at = excluded.created_at");
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

/** "/glossary add quarantine area = khu cách ly, vùng cách ly" → { en: "quarantine area", vi: [...] }, or an error to show. */
export function parseGlossaryCommand(text: string): GlossaryEntry | { error: string } {
  const m = /^\s*add\s+(.+?)\s*=\s*(.+)$/su.exec(text);
  if (!m) return { error: "usage: /glossary add <english> = <tiếng Việt>[, <tiếng Việt>…]" };
  const en = m[1]!.toLowerCase().replace(/\s+/g, " ").trim();
  const vi = m[2]!
    .split(/[,;]/)
    .map((v) => v.normalize("NFC").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (!/^[a-z0-9][a-z0-9 '-]{0,60}$/.test(en)) return { error: `"${en}" is not an English word or phrase (letters, digits, spaces, ' and -; at most 60 characters)` };
  if (vi.length === 0 || vi.length > 5 || vi.some((v) => v.length > 60)) return { error: "give 1 to 5 Vietnamese wordings of at most 60 characters, separated by commas" };
  return { en, vi };
}

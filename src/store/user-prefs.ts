import type { Database } from "better-sqlite3";
import type { Lang } from "../i18n/lang.ts";

export interface UserPrefs {
  /** The user's /lang choice, or undefined when they never chose. */
  getLang(userId: number): Lang | undefined;
  setLang(userId: number, lang: Lang): void;
}

export function createUserPrefs(db: Database, now: () => Date = () => new Date()): UserPrefs {
  const select = db.prepare<[number], { lang: Lang | null }>("SELECT lang FROM user_prefs WHERE user_id = ?");
  const upsert = db.prepare<[number, Lang, string]>(
    `INSERT INTO user_prefs (user_id, lang, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at`,
  );
  return {
    getLang: (userId) => select.get(userId)?.lang ?? undefined,
    setLang: (userId, lang) => {
      upsert.run(userId, lang, now().toISOString());
    },
  };
}

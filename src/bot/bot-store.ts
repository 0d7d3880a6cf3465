import type { Store } from "../store/open-store.ts";
import type { BotStore } from "./context.ts";

/** The bot's view of the SQLite store. */
export function botStoreFrom(store: Store): BotStore {
  return {
    recordQuery: (entry) => store.queryLog.record(entry),
    getQuestion: (id) => {
      const q = store.queryLog.get(id);
      return q ? { question: q.question } : undefined;
    },
    setFeedback: (queryId, userId, value) => void store.queryLog.setFeedback(queryId, userId, value),
    getLang: (userId) => store.userPrefs.getLang(userId),
    setLang: (userId, lang) => store.userPrefs.setLang(userId, lang),
  };
}

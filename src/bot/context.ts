import type { Context } from "grammy";
import type { Engine } from "../app.ts";
import type { Logger } from "../log.ts";
import type { QueryEntry } from "../store/query-log.ts";
import type { Lang, Messages } from "./i18n.ts";

/** A question as the bot logs it: the store's entry, from the Telegram channels. */
export type QueryRecord = QueryEntry & { channel: "telegram" | "inline" };

/** What the bot keeps: the query log (so buttons work after a restart), feedback, language choices. */
export interface BotStore {
  recordQuery(entry: QueryRecord): number;
  getQuestion(queryId: number): { question: string } | undefined;
  setFeedback(queryId: number, userId: number, value: 1 | -1): void;
  getLang(userId: number): Lang | undefined;
  setLang(userId: number, lang: Lang): void;
}

export interface BotDeps {
  /** The current engine; a getter so that a corpus reload swaps it without restarting the bot. */
  engine(): Engine;
  store: BotStore;
  publicBaseUrl: string;
  log: Logger;
  /** Questions per user per 10 s before the gentle notice. */
  rateLimit?: number;
}

export type BotContext = Context & { lang: Lang; t: Messages };

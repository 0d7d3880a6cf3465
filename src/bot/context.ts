import type { Context } from "grammy";
import type { Engine } from "../engine.ts";
import type { Logger } from "../log.ts";
import type { QueryEntry } from "../store/query-log.ts";
import type { AdminFilter } from "./admin-filter.ts";
import type { AdminDeps } from "./features/admin.ts";
import type { AlertDeps } from "./features/subscribe.ts";
import type { UploadDeps } from "./features/upload.ts";
import type { Lang } from "../i18n/lang.ts";
import type { Messages } from "../i18n/messages.ts";
import type { LongWork } from "./long-work.ts";
import type { QuestionScopes } from "./question-scope.ts";

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
  /** Telegram user ids of the bot's admins (ADMIN_IDS), checked on every admin command. */
  adminIds?: readonly number[];
  /** Subscriptions and alert counts; without them the alert commands are off. */
  alerts?: AlertDeps;
  /** Admin commands (/reload, /stats, /unanswered, /glossary); off without it. */
  admin?: AdminDeps;
  /** Directive files sent by admins in a private chat; off without it. */
  upload?: UploadDeps;
  /** Scoped follow-up questions ("Hỏi về văn bản này"); created by createBot when absent. */
  scopes?: QuestionScopes;
  /** Runs a reload or an upload: inline, or after the webhook acknowledged the update; set by createBot. */
  longWork?: (ctx: BotContext) => LongWork;
}

/** What features get: the deps, with the scopes and the one admin filter createBot builds. */
export type FeatureDeps = BotDeps & { scopes: QuestionScopes; isAdmin: AdminFilter };

export type BotContext = Context & { lang: Lang; t: Messages };

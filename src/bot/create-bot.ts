import { limit } from "@grammyjs/ratelimiter";
import { Bot, BotError, type BotConfig, type MiddlewareFn, type Transformer } from "grammy";
import { adminFilter } from "./admin-filter.ts";
import { boundedCalls, REPLY_LIMITS, type CallLimits } from "./api-limits.ts";
import type { BotContext, BotDeps, FeatureDeps } from "./context.ts";
import { adminFeature } from "./features/admin.ts";
import { askFeature } from "./features/ask.ts";
import { buttonsFeature } from "./features/buttons.ts";
import { commandsFeature } from "./features/commands.ts";
import { inlineFeature } from "./features/inline.ts";
import { subscribeFeature } from "./features/subscribe.ts";
import { tasksFeature } from "./features/tasks.ts";
import { uploadFeature } from "./features/upload.ts";
import { QuestionScopes } from "./question-scope.ts";
import type { Lang } from "../i18n/lang.ts";
import { MESSAGES } from "../i18n/messages.ts";
import type { BackgroundTasks, LongWork } from "./long-work.ts";

export interface CreateBotOptions {
  token: string;
  /** Bot API root; no trailing slash (self-hosted servers, the test emulator). */
  apiRoot?: string;
  /** Known bot identity: skips getMe (tests). */
  botInfo?: BotConfig<BotContext>["botInfo"];
  /** API transformers closest to the network, below the retry logic (tests answer calls here). */
  transformers?: Transformer[];
  /** Bounds on the bot's own API calls (timeouts, retries); REPLY_LIMITS by default. */
  limits?: CallLimits;
  /**
   * Webhook mode: long work (reload, upload) runs here after the update is acknowledged. Without it (polling,
   * tests) long work runs inline.
   */
  background?: BackgroundTasks;
}

/** The Telegram channel: a thin adapter over the engine. Creating it does no network work. */
export function createBot(
  given: BotDeps,
  options: CreateBotOptions,
  ...first: MiddlewareFn<BotContext>[]
): Bot<BotContext> {
  const isAdmin = adminFilter(given.adminIds ?? []);
  const deps: FeatureDeps = { ...given, scopes: given.scopes ?? new QuestionScopes(), isAdmin };
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  for (const t of options.transformers ?? []) bot.api.config.use(t);
  // A user is waiting: a few retries within seconds, then the error path (log once, apologise).
  bot.api.config.use(...boundedCalls(options.limits ?? REPLY_LIMITS));

  const onError = updateFailed(deps.log);
  deps.longWork = longWorkFor(options.background, onError);
  for (const m of first) bot.use(m);
  // One error path for polling, webhook and handleUpdate alike: bot.catch is only called by polling.
  const features = bot.errorBoundary(onError);
  features.use(async (ctx, next) => {
    let saved: Lang | undefined;
    try {
      saved = ctx.from ? deps.store.getLang(ctx.from.id) : undefined;
    } catch {
      // A locked or broken store only costs the saved language choice.
    }
    const lang: Lang = saved ?? (ctx.from?.language_code?.startsWith("en") ? "en" : "vi");
    ctx.lang = lang;
    ctx.t = MESSAGES[lang];
    await next();
  });
  features.use(rateLimit(deps));

  features.use(commandsFeature(deps));
  features.use(tasksFeature(deps));
  if (deps.alerts) features.use(subscribeFeature(deps, deps.alerts));
  if (deps.admin) features.use(adminFeature(deps, deps.admin));
  if (deps.upload) features.use(uploadFeature(deps, deps.upload));
  features.use(askFeature(deps));
  features.use(buttonsFeature(deps));
  features.use(inlineFeature(deps));

  // Private chats get a word for what the bot cannot read; groups' other chatter is ignored.
  features.chatType("private").on("message", async (ctx) => {
    if (ctx.msg.text?.startsWith("/")) await ctx.reply(ctx.t.unknownCommand);
    else await ctx.reply(ctx.t.onlyText);
  });

  // Only what fails outside the boundary (the `first` middleware) reaches this, and only in polling.
  bot.catch((err) =>
    deps.log.error("bot: update failed outside the features", { update: err.ctx.update.update_id, err: err.error }),
  );
  return bot;
}

/** Logs the failure once (stack and cause) and apologises where a user is waiting for an answer. */
function updateFailed(log: BotDeps["log"]) {
  return async (err: BotError<BotContext>): Promise<void> => {
    const ctx = err.ctx;
    log.error("bot: update failed", { update: ctx.update.update_id, chatId: ctx.chat?.id ?? null, err: err.error });
    const t = ctx.t ?? MESSAGES.vi;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t.error }).catch(() => undefined);
    if (ctx.chat && (ctx.message || ctx.callbackQuery)) await ctx.reply(t.error).catch(() => undefined);
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 }).catch(() => undefined);
  };
}

/** Inline without background tasks; otherwise acknowledged first, with failures on the same error path. */
function longWorkFor(background: BackgroundTasks | undefined, onError: (err: BotError<BotContext>) => Promise<void>) {
  return (ctx: BotContext): LongWork =>
    async (name, task) => {
      if (!background) {
        await task();
        return;
      }
      await background.run(name, task, (error) => onError(new BotError(error, ctx)));
    };
}

/** Questions per user per 10 s; the notice goes once per window and chat, later messages in it are dropped quietly. */
function rateLimit(deps: BotDeps): MiddlewareFn<BotContext> {
  const timeFrame = 10_000;
  const noticed = new Map<string, number>();
  return limit<BotContext, never>({
    timeFrame,
    limit: deps.rateLimit ?? 6,
    keyGenerator: (ctx) => (ctx.message || ctx.callbackQuery ? ctx.from?.id.toString() : undefined),
    onLimitExceeded: async (ctx) => {
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text: ctx.t.rateLimited }).catch(() => undefined);
        return;
      }
      if (ctx.chat?.type !== "private") return;
      const key = String(ctx.chat.id);
      const now = Date.now();
      for (const [k, at] of noticed) if (now - at >= timeFrame) noticed.delete(k);
      if (noticed.has(key)) return;
      noticed.set(key, now);
      await ctx.reply(ctx.t.rateLimited).catch(() => undefined);
    },
  }) as MiddlewareFn<BotContext>;
}

/** Registers the command menu in Vietnamese and, as the default, in English. An API without the method is tolerated. */
export async function registerCommands(bot: Bot<BotContext>, log: BotDeps["log"]): Promise<void> {
  for (const [lang, scope] of [
    ["vi", "vi"],
    ["en", undefined],
  ] as const) {
    const c = MESSAGES[lang].commands;
    const names =
      lang === "vi"
        ? { hoi: "hoi", vanban: "vanban", moi: "moi", dangky: "dangky", huydangky: "huydangky" }
        : { hoi: "ask", vanban: "docs", moi: "latest", dangky: "subscribe", huydangky: "unsubscribe" };
    const commands = [
      { command: "start", description: c.start },
      { command: names.hoi, description: c.hoi },
      { command: names.vanban, description: c.vanban },
      { command: names.moi, description: c.moi },
      { command: names.dangky, description: c.dangky },
      { command: names.huydangky, description: c.huydangky },
      { command: lang === "vi" ? "viec" : "tasks", description: MESSAGES[lang].duties.tasksMenu },
      { command: "lang", description: c.lang },
      { command: "help", description: c.help },
    ];
    try {
      await bot.api.setMyCommands(commands, scope ? { language_code: scope } : {});
    } catch (err) {
      log.warn("bot: setMyCommands failed; the command menu stays as it was", { lang, error: String(err) });
    }
  }
}

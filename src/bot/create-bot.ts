import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { Bot, type BotConfig, type MiddlewareFn, type Transformer } from "grammy";
import { adminFilter } from "./admin-filter.ts";
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

export interface CreateBotOptions {
  token: string;
  /** Bot API root; no trailing slash (self-hosted servers, the test emulator). */
  apiRoot?: string;
  /** Known bot identity: skips getMe (tests). */
  botInfo?: BotConfig<BotContext>["botInfo"];
  /** API transformers closest to the network, below the retry logic (tests answer calls here). */
  transformers?: Transformer[];
}

/** The Telegram channel: a thin adapter over the engine. Creating it does no network work. */
export function createBot(given: BotDeps, options: CreateBotOptions, ...first: MiddlewareFn<BotContext>[]): Bot<BotContext> {
  const isAdmin = adminFilter(given.adminIds ?? []);
  const deps: FeatureDeps = { ...given, scopes: given.scopes ?? new QuestionScopes(), isAdmin };
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  for (const t of options.transformers ?? []) bot.api.config.use(t);
  // 429 retry_after and transient 5xx are retried; a longer wait than a minute fails the call instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));

  for (const m of first) bot.use(m);
  bot.use(async (ctx, next) => {
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
  bot.use(
    limit<BotContext, never>({
      timeFrame: 10_000,
      limit: deps.rateLimit ?? 6,
      keyGenerator: (ctx) => (ctx.message || ctx.callbackQuery ? ctx.from?.id.toString() : undefined),
      onLimitExceeded: async (ctx) => {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t.rateLimited }).catch(() => undefined);
        else if (ctx.chat?.type === "private") await ctx.reply(ctx.t.rateLimited).catch(() => undefined);
      },
    }),
  );

  bot.use(commandsFeature(deps));
  bot.use(tasksFeature(deps));
  if (deps.alerts) bot.use(subscribeFeature(deps, deps.alerts));
  if (deps.admin) bot.use(adminFeature(deps, deps.admin));
  if (deps.upload) bot.use(uploadFeature(deps, deps.upload));
  bot.use(askFeature(deps));
  bot.use(buttonsFeature(deps));
  bot.use(inlineFeature(deps));

  // Private chats get a word for what the bot cannot read; groups' other chatter is ignored.
  bot.chatType("private").on("message", async (ctx) => {
    if (ctx.msg.text?.startsWith("/")) await ctx.reply(ctx.t.unknownCommand);
    else await ctx.reply(ctx.t.onlyText);
  });

  bot.catch(async (err) => {
    deps.log.error("bot: update failed", { update: err.ctx.update.update_id, error: String(err.error) });
    if (err.ctx.chat && (err.ctx.message || err.ctx.callbackQuery)) await err.ctx.reply(err.ctx.t?.error ?? MESSAGES.vi.error).catch(() => undefined);
  });
  return bot;
}

/** Registers the command menu in Vietnamese and, as the default, in English. An API without the method is tolerated. */
export async function registerCommands(bot: Bot<BotContext>, log: BotDeps["log"]): Promise<void> {
  for (const [lang, scope] of [["vi", "vi"], ["en", undefined]] as const) {
    const c = MESSAGES[lang].commands;
    const names = lang === "vi" ? { hoi: "hoi", vanban: "vanban", moi: "moi", dangky: "dangky", huydangky: "huydangky" } : { hoi: "ask", vanban: "docs", moi: "latest", dangky: "subscribe", huydangky: "unsubscribe" };
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

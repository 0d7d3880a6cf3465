import type { Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { engineFor, type Engine } from "../../src/engine.ts";
import { createBot } from "../../src/bot/create-bot.ts";
import type { BotDeps, BotStore } from "../../src/bot/context.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createLogger } from "../../src/log.ts";

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: "Trợ lý văn bản",
  username: "VanBanBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

let seedEngine: Engine | undefined;
export async function seeds(): Promise<Engine> {
  seedEngine ??= engineFor(await loadCorpus("data/directives", { maxFileBytes: 1 << 26 }), "http://bot.test");
  return seedEngine;
}

/**
 * A bot over the seed corpus whose Bot API calls are answered by `respond` (no network): every call is recorded.
 * The store is the one given, so tests can use the real SQLite store.
 */
export async function makeBot(
  store: BotStore,
  respond?: (call: Call, n: number) => unknown,
  rateLimit = 1000,
  extra: Partial<BotDeps> = {},
) {
  const engine = await seeds();
  const calls: Call[] = [];
  const logs: string[] = [];
  let n = 0;
  const api: Transformer = async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    const custom = respond?.(call, n++);
    if (custom !== undefined) return custom as never;
    return { ok: true, result: defaultResult(method, call.payload) } as never;
  };
  const bot = createBot(
    {
      engine: () => engine,
      store,
      publicBaseUrl: "http://bot.test",
      log: createLogger("debug", [], (l) => logs.push(l)),
      rateLimit,
      ...extra,
    },
    { token: "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz", botInfo: BOT_INFO, transformers: [api] },
  );
  return { bot, calls, logs, engine };
}

let messageId = 1000;
function defaultResult(method: string, payload: Record<string, unknown>): unknown {
  if (method.startsWith("send") && method !== "sendChatAction") {
    return {
      message_id: ++messageId,
      date: 0,
      chat: { id: payload.chat_id, type: "private" },
      text: payload.text ?? "",
    };
  }
  if (method === "editMessageText")
    return {
      message_id: payload.message_id,
      date: 0,
      chat: { id: payload.chat_id, type: "private" },
      text: payload.text,
    };
  return true;
}

let updateId = 1;
const user = (lang = "vi") => ({ id: 7001, is_bot: false, first_name: "Lan", language_code: lang });

export function privateText(text: string, lang = "vi"): Update {
  const entities = text.startsWith("/")
    ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }]
    : undefined;
  return {
    update_id: updateId++,
    message: {
      message_id: ++messageId,
      date: 0,
      chat: { id: 7001, type: "private", first_name: "Lan" },
      from: user(lang),
      text,
      ...(entities ? { entities } : {}),
    },
  } as Update;
}

export function groupText(text: string, options: { replyToBot?: boolean; fromId?: number } = {}): Update {
  const entities: { type: "mention" | "bot_command"; offset: number; length: number }[] = [];
  const at = text.indexOf("@VanBanBot");
  if (text.startsWith("/")) entities.push({ type: "bot_command", offset: 0, length: text.split(/\s/)[0]!.length });
  else if (at >= 0) entities.push({ type: "mention", offset: at, length: "@VanBanBot".length });
  return {
    update_id: updateId++,
    message: {
      message_id: ++messageId,
      date: 0,
      chat: { id: -100500, type: "supergroup", title: "Chi bộ" },
      from: { ...user(), id: options.fromId ?? 7001 },
      text,
      ...(entities.length ? { entities } : {}),
      ...(options.replyToBot
        ? {
            reply_to_message: {
              message_id: 5,
              date: 0,
              chat: { id: -100500, type: "supergroup", title: "Chi bộ" },
              from: BOT_INFO,
              text: "…",
            },
          }
        : {}),
    },
  } as Update;
}

export function callback(data: string, messageIdOf = 555): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from: user(),
      chat_instance: "ci",
      data,
      message: { message_id: messageIdOf, date: 0, chat: { id: 7001, type: "private", first_name: "Lan" }, text: "…" },
    },
  } as Update;
}

export function inlineQuery(query: string): Update {
  return {
    update_id: updateId++,
    inline_query: { id: `iq${updateId}`, from: user(), query, offset: "", chat_type: "sender" },
  } as Update;
}

import { Composer, InlineKeyboard } from "grammy";
import { renderAnswers } from "../render-telegram.ts";
import { shortKey } from "../../answer/short-key.ts";
import { detectLanguage } from "../../search/parse-query.ts";
import type { QueryOptions, SearchHit } from "../../search/types.ts";
import { encodeCallback } from "../callback-data.ts";
import type { BotContext, BotDeps, QueryRecord } from "../context.ts";
import { MESSAGES, type Lang } from "../../i18n/messages.ts";

export const PAGE = 3;
/** Hits fetched per question: three pages, so "Thêm kết quả" knows whether there is more. */
const FETCH = 9;

export function answerKeyboard(t: BotContext["t"], hits: readonly SearchHit[], queryId: number, nextOffset: number | null): InlineKeyboard {
  const kb = new InlineKeyboard();
  const first = hits[0];
  if (first) {
    kb.text(t.fullSection, encodeCallback({ kind: "section", key: shortKey(first.passage.id) }));
    kb.text(t.document, encodeCallback({ kind: "document", key: shortKey(first.document.meta.docId) }));
    kb.row();
  }
  // Without a logged question (store unavailable) "more" and feedback have nothing to refer to.
  if (queryId === 0) return kb;
  if (nextOffset !== null) kb.text(t.more, encodeCallback({ kind: "more", queryId, offset: nextOffset })).row();
  kb.text("👍", encodeCallback({ kind: "feedback", queryId, value: 1 })).text("👎", encodeCallback({ kind: "feedback", queryId, value: -1 }));
  return kb;
}

/** Searches and records the question in the query log: only questions addressed to the bot are ever logged. */
export function searchAndLog(
  deps: BotDeps,
  question: string,
  limit: number,
  options: QueryOptions,
  where: Pick<QueryRecord, "chatType" | "chatId" | "userId" | "lang" | "channel">,
): { hits: SearchHit[]; queryId: number } {
  const started = performance.now();
  const hits = deps.engine().search(question, limit, options).hits;
  let queryId = 0;
  try {
    queryId = deps.store.recordQuery({
      ...where,
      question,
      answered: hits.length > 0,
      topDocId: hits[0]?.document.meta.docId ?? null,
      topSection: hits[0]?.passage.section ?? null,
      answers: hits.length,
      latencyMs: performance.now() - started,
    });
  } catch (err) {
    // A full disk or a locked database must not stop answers: the index is in memory. Only the log entry (and
    // the buttons that need it) is lost.
    deps.log.error("store: cannot log the question; answering anyway", { error: String(err) });
  }
  return { hits, queryId };
}

/** Answers one question in the chat it came from; in groups, as a reply to the asking message. */
export async function answerQuestion(ctx: BotContext, deps: BotDeps, rawQuestion: string): Promise<void> {
  const question = rawQuestion.normalize("NFC").trim();
  if (!question) {
    await ctx.reply(ctx.t.askWhat);
    return;
  }
  // The question's own language wins over the interface language for this answer.
  const lang: Lang = detectLanguage(question) === "en" ? "en" : ctx.lang;
  const t = MESSAGES[lang];
  void ctx.replyWithChatAction("typing").catch(() => undefined);
  const docId = deps.scopes?.take(ctx.from?.id);
  const { hits, queryId } = searchAndLog(deps, question, FETCH, docId ? { docId } : {}, {
    chatType: ctx.chat?.type ?? "unknown",
    chatId: ctx.chat?.id ?? null,
    userId: ctx.from?.id ?? null,
    lang,
    channel: "telegram",
  });
  const replyTo = ctx.chat?.type === "private" || !ctx.msg ? {} : { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } };
  if (hits.length === 0) {
    const examples = t.examples.map((e) => `• ${e}`).join("\n");
    await ctx.reply(`${t.noAnswer}\n${examples}\n\n/vanban`, { ...replyTo });
    return;
  }
  const page = hits.slice(0, PAGE);
  const messages = renderAnswers(page, 0, t, deps.publicBaseUrl);
  const keyboard = answerKeyboard(t, page, queryId, hits.length > PAGE ? PAGE : null);
  for (let i = 0; i < messages.length; i++) {
    const last = i === messages.length - 1;
    await ctx.reply(messages[i]!, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === 0 ? replyTo : {}),
      ...(last ? { reply_markup: keyboard } : {}),
    });
  }
}

/** Private chats: any text is a question. Groups: /hoi, a mention of the bot, or a reply to the bot. */
export function askFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(["hoi", "ask"], (ctx) => answerQuestion(ctx, deps, ctx.match));
  composer.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    await answerQuestion(ctx, deps, ctx.msg.text);
  });
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const me = ctx.me;
    const text = ctx.msg.text;
    const mention = `@${me.username}`;
    const mentioned = (ctx.msg.entities ?? []).some((e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention.toLowerCase());
    const repliesToBot = ctx.msg.reply_to_message?.from?.id === me.id;
    if (text.startsWith("/") || !(mentioned || repliesToBot)) return next();
    await answerQuestion(ctx, deps, text.replace(new RegExp(mention.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), " "));
  });
  return composer;
}

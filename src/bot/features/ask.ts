import { Composer, InlineKeyboard } from "grammy";
import type { AnswerSet, CitedAnswer } from "../../answer/build-answer.ts";
import { shortKey } from "../../answer/short-key.ts";
import type { Lang } from "../../i18n/lang.ts";
import { MESSAGES } from "../../i18n/messages.ts";
import type { QueryOptions } from "../../search/types.ts";
import { encodeCallback } from "../callback-data.ts";
import type { BotContext, BotDeps, QueryRecord } from "../context.ts";
import { HTML, renderAnswers } from "../render-telegram.ts";

export const PAGE = 3;
/** Answers fetched per question: three pages, so "Thêm kết quả" knows whether there is more. */
const FETCH = 9;

export function answerKeyboard(
  t: BotContext["t"],
  answers: readonly CitedAnswer[],
  queryId: number,
  nextOffset: number | null,
): InlineKeyboard {
  const kb = new InlineKeyboard();
  const first = answers[0];
  if (first) {
    kb.text(t.fullSection, encodeCallback({ kind: "section", key: shortKey(first.passageId) }));
    kb.text(t.document, encodeCallback({ kind: "document", key: shortKey(first.docId) }));
    kb.row();
  }
  // Without a logged question (store unavailable) "more" and feedback have nothing to refer to.
  if (queryId === 0) return kb;
  if (nextOffset !== null) kb.text(t.more, encodeCallback({ kind: "more", queryId, offset: nextOffset })).row();
  kb.text("👍", encodeCallback({ kind: "feedback", queryId, value: 1 }));
  kb.text("👎", encodeCallback({ kind: "feedback", queryId, value: -1 }));
  return kb;
}

/** The question's own language (as the engine read it) wins over the interface language for its answer. */
export function replyLang(set: AnswerSet, interfaceLang: Lang): Lang {
  return set.lang === "en" ? "en" : interfaceLang;
}

/** Asks the engine and records the question in the query log: only questions addressed to the bot are logged. */
export function askAndLog(
  deps: BotDeps,
  question: string,
  limit: number,
  options: QueryOptions,
  where: Pick<QueryRecord, "chatType" | "chatId" | "userId" | "channel">,
  interfaceLang: Lang,
): { set: AnswerSet; lang: Lang; queryId: number } {
  const started = performance.now();
  const set = deps.engine().ask(question, limit, options);
  const latencyMs = performance.now() - started;
  const lang = replyLang(set, interfaceLang);
  const top = set.answers[0];
  let queryId = 0;
  try {
    queryId = deps.store.recordQuery({
      ...where,
      lang,
      question,
      answered: set.answers.length > 0,
      topDocId: top?.docId ?? null,
      topSection: top?.section ?? null,
      answers: set.answers.length,
      latencyMs,
    });
  } catch (err) {
    // A full disk or a locked database must not stop answers: the index is in memory. Only the log entry (and
    // the buttons that need it) is lost.
    deps.log.error("store: cannot log the question; answering anyway", { error: String(err) });
  }
  return { set, lang, queryId };
}

/** Answers one question in the chat it came from; in groups, as a reply to the asking message. */
export async function replyToQuestion(ctx: BotContext, deps: BotDeps, rawQuestion: string): Promise<void> {
  const question = rawQuestion.normalize("NFC").trim();
  if (!question) {
    await ctx.reply(ctx.t.askWhat);
    return;
  }
  void ctx.replyWithChatAction("typing").catch(() => undefined);
  const docId = deps.scopes?.take(ctx.from?.id);
  const where = { chatType: ctx.chat?.type ?? "unknown", chatId: ctx.chat?.id ?? null, userId: ctx.from?.id ?? null };
  const { set, lang, queryId } = askAndLog(
    deps,
    question,
    FETCH,
    docId ? { docId } : {},
    {
      ...where,
      channel: "telegram",
    },
    ctx.lang,
  );
  const t = MESSAGES[lang];
  const replyTo =
    ctx.chat?.type === "private" || !ctx.msg
      ? {}
      : { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } };
  if (set.answers.length === 0) {
    const examples = t.examples.map((e) => `• ${e}`).join("\n");
    await ctx.reply(`${t.noAnswer}\n${examples}\n\n/vanban`, { ...replyTo });
    return;
  }
  const page = set.answers.slice(0, PAGE);
  const messages = renderAnswers(page, 0, t);
  const keyboard = answerKeyboard(t, page, queryId, set.answers.length > PAGE ? PAGE : null);
  for (let i = 0; i < messages.length; i++) {
    const last = i === messages.length - 1;
    await ctx.reply(messages[i]!, {
      ...HTML,
      ...(i === 0 ? replyTo : {}),
      ...(last ? { reply_markup: keyboard } : {}),
    });
  }
}

/** Private chats: any text is a question. Groups: /hoi, a mention of the bot, or a reply to the bot. */
export function askFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(["hoi", "ask"], (ctx) => replyToQuestion(ctx, deps, ctx.match));
  composer.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    await replyToQuestion(ctx, deps, ctx.msg.text);
  });
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const me = ctx.me;
    const text = ctx.msg.text;
    const mention = `@${me.username}`;
    const mentioned = (ctx.msg.entities ?? []).some(
      (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention.toLowerCase(),
    );
    const repliesToBot = ctx.msg.reply_to_message?.from?.id === me.id;
    if (text.startsWith("/") || !(mentioned || repliesToBot)) return next();
    const escaped = mention.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await replyToQuestion(ctx, deps, text.replace(new RegExp(escaped, "gi"), " "));
  });
  return composer;
}

import { Composer } from "grammy";
import type { InlineQueryResult } from "grammy/types";
import { citeDocument, documentUrl, newestFirst } from "../../answer/document-card.ts";
import { shortKey } from "../../answer/short-key.ts";
import { MESSAGES, type Messages } from "../../i18n/messages.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { escapeHtml, HTML, linkHtml, renderAnswer } from "../render-telegram.ts";
import { askAndLog } from "./ask.ts";

const MAX_RESULTS = 10;
/** Seconds Telegram may cache inline answers: short, the corpus can be reloaded any time. */
const CACHE_SECONDS = 30;

/** `@bot câu hỏi` in any chat: up to ten cited answers; an empty query lists the newest documents. */
export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.normalize("NFC").trim();
    const results = query ? answerResults(ctx, deps, query) : newestResults(deps, ctx.t);
    await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS, is_personal: false });
  });
  return composer;
}

function newestResults(deps: BotDeps, t: Messages): InlineQueryResult[] {
  return newestFirst(deps.engine().corpus.documents.values())
    .slice(0, MAX_RESULTS)
    .map((doc) => {
      const m = doc.meta;
      const link = linkHtml(documentUrl(deps.publicBaseUrl, m), t.open);
      const text = `<b>${escapeHtml(citeDocument(m, t))}</b>\n${escapeHtml(m.title ?? "")}\n${link}`;
      return {
        type: "article",
        id: `d${shortKey(m.docId)}`,
        title: citeDocument(m, t),
        description: m.title ?? "",
        input_message_content: { message_text: text, ...HTML },
      };
    });
}

function answerResults(ctx: BotContext & { from: { id: number } }, deps: BotDeps, query: string): InlineQueryResult[] {
  const chatType = ctx.inlineQuery?.chat_type ?? "inline";
  const where = { chatType, chatId: null, userId: ctx.from.id, channel: "inline" as const };
  const { set, lang } = askAndLog(deps, query, MAX_RESULTS, {}, where, ctx.lang);
  const t = MESSAGES[lang];
  return set.answers.map((a, i) => {
    const section = a.section ? ` · ${t.section} ${a.section}` : "";
    return {
      type: "article",
      id: `p${shortKey(a.passageId)}${i}`,
      title: `${citeDocument(a, t)}${section}`.slice(0, 256),
      description: a.excerpt.slice(0, 200),
      input_message_content: { message_text: renderAnswer(a, i + 1, t), ...HTML },
    };
  });
}

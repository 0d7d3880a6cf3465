import { Composer } from "grammy";
import type { InlineQueryResult } from "grammy/types";
import { citeDocument, escapeHtml, renderHit } from "../render-telegram.ts";
import { shortKey } from "../../answer/short-key.ts";
import { excerptFor } from "../../answer/build-answer.ts";
import { detectLanguage } from "../../search/parse-query.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { MESSAGES } from "../../i18n/messages.ts";
import { searchAndLog } from "./ask.ts";
import { newestFirst } from "./commands.ts";

const MAX_RESULTS = 10;
/** Seconds Telegram may cache inline answers: short, the corpus can be reloaded any time. */
const CACHE_SECONDS = 30;

/** `@bot câu hỏi` in any chat: up to ten cited answers; an empty query lists the newest documents. */
export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.normalize("NFC").trim();
    const engine = deps.engine();
    const t = query && detectLanguage(query) === "en" ? MESSAGES.en : ctx.t;
    const results: InlineQueryResult[] = [];
    if (!query) {
      for (const doc of newestFirst(engine).slice(0, MAX_RESULTS)) {
        const url = doc.meta.sourceUrl ?? `${deps.publicBaseUrl}/d/${encodeURIComponent(doc.meta.docId)}`;
        results.push({
          type: "article",
          id: `d${shortKey(doc.meta.docId)}`,
          title: citeDocument(doc, t),
          description: doc.meta.title ?? "",
          input_message_content: { message_text: `<b>${escapeHtml(citeDocument(doc, t))}</b>\n${escapeHtml(doc.meta.title ?? "")}\n<a href="${escapeHtml(url)}">${escapeHtml(t.open)}</a>`, parse_mode: "HTML" },
        });
      }
    } else {
      const { hits } = searchAndLog(deps, query, MAX_RESULTS, {}, {
        chatType: ctx.inlineQuery.chat_type ?? "inline",
        chatId: null,
        userId: ctx.from.id,
        lang: t === MESSAGES.en ? "en" : "vi",
        channel: "inline",
      });
      hits.forEach((hit, i) => {
        const section = hit.passage.section ? ` · ${t.section} ${hit.passage.section}` : "";
        results.push({
          type: "article",
          id: `p${shortKey(hit.passage.id)}${i}`,
          title: `${citeDocument(hit.document, t)}${section}`.slice(0, 256),
          description: excerptFor(hit).text.slice(0, 200),
          input_message_content: { message_text: renderHit(hit, i + 1, t, deps.publicBaseUrl), parse_mode: "HTML", link_preview_options: { is_disabled: true } },
        });
      });
    }
    await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS, is_personal: false });
  });
  return composer;
}

import { Composer, InlineKeyboard, InputFile } from "grammy";
import { shortKey } from "../../answer/short-key.ts";
import { MESSAGES } from "../../i18n/messages.ts";
import { itemOf } from "../../search/rank.ts";
import { decodeCallback, encodeCallback } from "../callback-data.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { HTML, renderAnswers, renderDocument, renderSection } from "../render-telegram.ts";
import { answerKeyboard, PAGE, replyLang } from "./ask.ts";
import { renderDocumentList } from "./commands.ts";

/** The inline buttons under answers and document lists. Forged or stale payloads get a polite notice. */
export function buttonsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const engine = deps.engine();
    const stale = () => ctx.answerCallbackQuery({ text: ctx.t.stale, show_alert: true });
    // Upload buttons are the upload feature's; without it (or past it) they are stale.
    if (!action || action.kind === "upload") return stale();
    // These reply with new messages, which needs a chat: a button under an inline-mode message has none (only
    // forged data gets here).
    if (!ctx.chat && (action.kind === "section" || action.kind === "document" || action.kind === "text")) return stale();
    switch (action.kind) {
      case "more": {
        const logged = deps.store.getQuestion(action.queryId);
        if (!logged) return stale();
        const set = engine.ask(logged.question, action.offset + PAGE + 1);
        const t = MESSAGES[replyLang(set, ctx.lang)];
        const page = set.answers.slice(action.offset, action.offset + PAGE);
        if (page.length === 0) return ctx.answerCallbackQuery({ text: t.noMore });
        const [text] = renderAnswers(page, action.offset, t);
        const next = set.answers.length > action.offset + PAGE ? action.offset + PAGE : null;
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(text!, { ...HTML, reply_markup: answerKeyboard(t, page, action.queryId, next) });
        return;
      }
      case "section": {
        const passage = engine.passageByKey(action.key);
        const doc = passage && engine.corpus.documents.get(passage.docId);
        if (!passage || !doc) return stale();
        const item = itemOf(passage.section);
        const members = item ? doc.passages.filter((p) => itemOf(p.section) === item) : [passage];
        await ctx.answerCallbackQuery();
        for (const text of renderSection(doc, members, ctx.t)) await ctx.reply(text, HTML);
        return;
      }
      case "document": {
        const doc = engine.documentByKey(action.key);
        if (!doc) return stale();
        await ctx.answerCallbackQuery();
        const messages = renderDocument(doc, ctx.t, deps.publicBaseUrl, (id) => engine.corpus.documents.get(id));
        const key = shortKey(doc.meta.docId);
        const kb = new InlineKeyboard().text(ctx.t.fullText, encodeCallback({ kind: "text", key }));
        for (let i = 0; i < messages.length; i++) {
          await ctx.reply(messages[i]!, { ...HTML, ...(i === messages.length - 1 ? { reply_markup: kb } : {}) });
        }
        return;
      }
      case "text": {
        const doc = engine.documentByKey(action.key);
        if (!doc) return stale();
        await ctx.answerCallbackQuery();
        await ctx.replyWithDocument(new InputFile(Buffer.from(`${doc.text}\n`, "utf8"), `${doc.meta.docId}.txt`));
        return;
      }
      case "feedback": {
        if (!deps.store.getQuestion(action.queryId) || !ctx.from) return stale();
        deps.store.setFeedback(action.queryId, ctx.from.id, action.value);
        return ctx.answerCallbackQuery({ text: ctx.t.thanks });
      }
      case "list": {
        const { text, keyboard } = renderDocumentList(engine, action.page, ctx.t, deps.publicBaseUrl);
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(text, { ...HTML, reply_markup: keyboard });
        return;
      }
    }
  });
  return composer;
}

import { Composer, InlineKeyboard, InputFile } from "grammy";
import { shortKey } from "../../answer/short-key.ts";
import { MESSAGES } from "../../i18n/messages.ts";
import { itemOf } from "../../search/rank.ts";
import { type CallbackAction, decodeCallback, encodeCallback } from "../callback-data.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { HTML, renderAnswers, renderDocument, renderSection } from "../render-telegram.ts";
import { answerKeyboard, PAGE, replyLang } from "./ask.ts";
import { renderDocumentList } from "./commands.ts";

/** What a button did; STALE when its payload points at nothing that exists now. */
const STALE = Symbol("stale");
type Pressed<K extends CallbackAction["kind"]> = (
  ctx: BotContext,
  deps: BotDeps,
  action: Extract<CallbackAction, { kind: K }>,
) => Promise<unknown>;

/** The inline buttons under answers and document lists. Forged or stale payloads get a polite notice. */
export function buttonsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const stale = () => ctx.answerCallbackQuery({ text: ctx.t.stale, show_alert: true });
    // Upload buttons are the upload feature's; without it (or past it) they are stale.
    if (!action || action.kind === "upload") return stale();
    // These reply with new messages, which needs a chat: a button under an inline-mode message has none (only
    // forged data gets here).
    const replies = action.kind === "section" || action.kind === "document" || action.kind === "text";
    if (!ctx.chat && replies) return stale();
    const done = await press(ctx, deps, action);
    if (done === STALE) await stale();
  });
  return composer;
}

function press(ctx: BotContext, deps: BotDeps, action: Exclude<CallbackAction, { kind: "upload" }>): Promise<unknown> {
  switch (action.kind) {
    case "more":
      return showMore(ctx, deps, action);
    case "section":
      return showSection(ctx, deps, action);
    case "document":
      return showDocument(ctx, deps, action);
    case "text":
      return sendFullText(ctx, deps, action);
    case "feedback":
      return recordFeedback(ctx, deps, action);
    case "list":
      return showList(ctx, deps, action);
  }
}

/** "Thêm kết quả": the next page of the logged question's answers, in place. */
const showMore: Pressed<"more"> = async (ctx, deps, action) => {
  const logged = deps.store.getQuestion(action.queryId);
  if (!logged) return STALE;
  const set = deps.engine().ask(logged.question, action.offset + PAGE + 1);
  const t = MESSAGES[replyLang(set, ctx.lang)];
  const page = set.answers.slice(action.offset, action.offset + PAGE);
  if (page.length === 0) return ctx.answerCallbackQuery({ text: t.noMore });
  const [text] = renderAnswers(page, action.offset, t);
  const next = set.answers.length > action.offset + PAGE ? action.offset + PAGE : null;
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(text!, { ...HTML, reply_markup: answerKeyboard(t, page, action.queryId, next) });
};

/** "Toàn văn mục": every passage of the cited item or article. */
const showSection: Pressed<"section"> = async (ctx, deps, action) => {
  const engine = deps.engine();
  const passage = engine.passageByKey(action.key);
  const doc = passage && engine.corpus.documents.get(passage.docId);
  if (!passage || !doc) return STALE;
  const item = itemOf(passage.section);
  const members = item ? doc.passages.filter((p) => itemOf(p.section) === item) : [passage];
  await ctx.answerCallbackQuery();
  for (const text of renderSection(doc, members, ctx.t)) await ctx.reply(text, HTML);
};

/** "Văn bản": the document's summary, with a button for its full text. */
const showDocument: Pressed<"document"> = async (ctx, deps, action) => {
  const doc = deps.engine().documentByKey(action.key);
  if (!doc) return STALE;
  await ctx.answerCallbackQuery();
  const messages = renderDocument(doc, ctx.t, deps.publicBaseUrl);
  const key = shortKey(doc.meta.docId);
  const kb = new InlineKeyboard().text(ctx.t.fullText, encodeCallback({ kind: "text", key }));
  for (let i = 0; i < messages.length; i++) {
    await ctx.reply(messages[i]!, { ...HTML, ...(i === messages.length - 1 ? { reply_markup: kb } : {}) });
  }
};

/** "Toàn văn (.txt)": the document's text as a file. */
const sendFullText: Pressed<"text"> = async (ctx, deps, action) => {
  const doc = deps.engine().documentByKey(action.key);
  if (!doc) return STALE;
  await ctx.answerCallbackQuery();
  await ctx.replyWithDocument(new InputFile(Buffer.from(`${doc.text}\n`, "utf8"), `${doc.meta.docId}.txt`));
};

/** 👍 / 👎 on a logged question. */
const recordFeedback: Pressed<"feedback"> = async (ctx, deps, action) => {
  if (!deps.store.getQuestion(action.queryId) || !ctx.from) return STALE;
  deps.store.setFeedback(action.queryId, ctx.from.id, action.value);
  return ctx.answerCallbackQuery({ text: ctx.t.thanks });
};

/** ◀ ▶ in the document list, in place. */
const showList: Pressed<"list"> = async (ctx, deps, action) => {
  const { text, keyboard } = renderDocumentList(deps.engine(), action.page, ctx.t, deps.publicBaseUrl);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(text, { ...HTML, reply_markup: keyboard });
};

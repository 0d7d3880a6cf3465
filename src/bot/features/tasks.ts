import { Composer } from "grammy";
import { toAnswer } from "../../answer/build-answer.ts";
import { citeDocument } from "../../answer/document-card.ts";
import { escapeHtml, packMessages, renderAnswer } from "../render-telegram.ts";
import { assignmentsOf } from "../../answer/with-duties.ts";
import type { BotContext, BotDeps } from "../context.ts";

const HTML = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };
/** More items than this go to the web page: a chat is no place for a hundred messages. */
const MAX_ITEMS = 40;

/** /viec <đơn vị> (/tasks): every item assigning work to that body, newest document first, grouped by document. */
export function tasksFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(["viec", "tasks"], async (ctx) => {
    const body = ctx.match.trim().normalize("NFC").slice(0, 200);
    const d = ctx.t.duties;
    if (!body) return ctx.reply(d.tasksUsage, HTML);
    const engine = deps.engine();
    const hits = assignmentsOf(body, engine.corpus, engine.lexicon);
    if (hits.length === 0) return ctx.reply(escapeHtml(d.noTasks(body)), HTML);
    const blocks = [`<b>${escapeHtml(d.tasksOf(body, hits.length))}</b>`];
    let lastDoc = "";
    hits.slice(0, MAX_ITEMS).forEach((hit, i) => {
      if (hit.document.meta.docId !== lastDoc) {
        lastDoc = hit.document.meta.docId;
        blocks.push(`━━ <b>${escapeHtml(citeDocument(hit.document.meta, ctx.t))}</b>`);
      }
      blocks.push(renderAnswer(toAnswer(hit, deps.publicBaseUrl), i + 1, ctx.t));
    });
    for (const text of packMessages(blocks))
      await ctx.reply(text, {
        ...HTML,
        ...(ctx.msg?.message_id
          ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } }
          : {}),
      });
  });
  return composer;
}

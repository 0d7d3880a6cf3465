import { Composer, InlineKeyboard } from "grammy";
import { citeDocument, documentUrl, newestFirst } from "../../answer/document-card.ts";
import { shortKey } from "../../answer/short-key.ts";
import type { CorpusDocument } from "../../corpus/types.ts";
import type { Engine } from "../../engine.ts";
import { MESSAGES, type Messages } from "../../i18n/messages.ts";
import { encodeCallback } from "../callback-data.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { escapeHtml, HTML, linkHtml, renderDocument } from "../render-telegram.ts";

const LIST_PAGE = 8;

function documentLine(doc: CorpusDocument, t: Messages, publicBaseUrl: string): string {
  const title = doc.meta.title ? ` — ${escapeHtml(doc.meta.title)}` : "";
  return `• ${linkHtml(documentUrl(publicBaseUrl, doc.meta), citeDocument(doc.meta, t))}${title}`;
}

export function renderDocumentList(
  engine: Engine,
  page: number,
  t: Messages,
  publicBaseUrl: string,
): { text: string; keyboard: InlineKeyboard } {
  const docs = newestFirst(engine.corpus.documents.values());
  const pages = Math.max(1, Math.ceil(docs.length / LIST_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = docs.slice(p * LIST_PAGE, (p + 1) * LIST_PAGE);
  const keyboard = new InlineKeyboard();
  shown.forEach((d, i) => {
    keyboard.text(`📄 ${p * LIST_PAGE + i + 1}`, encodeCallback({ kind: "document", key: shortKey(d.meta.docId) }));
    if (i % 4 === 3) keyboard.row();
  });
  keyboard.row();
  if (p > 0) keyboard.text("◀", encodeCallback({ kind: "list", page: p - 1 }));
  if (p < pages - 1) keyboard.text("▶", encodeCallback({ kind: "list", page: p + 1 }));
  if (docs.length === 0) return { text: escapeHtml(t.noDocuments), keyboard };
  const lines = shown.map((d, i) => `${p * LIST_PAGE + i + 1}. ${documentLine(d, t, publicBaseUrl).slice(2)}`);
  return { text: `${escapeHtml(t.documents(p + 1, pages))}\n${lines.join("\n")}`, keyboard };
}

/** /start (with doc_ deep links), /help, /vanban, /moi, /lang. */
export function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    if (payload.startsWith("ask_")) {
      const doc = deps.engine().documentByKey(payload.slice(4));
      if (!doc || !ctx.from) return ctx.reply(ctx.t.stale);
      deps.scopes?.set(ctx.from.id, doc.meta.docId);
      return ctx.reply(ctx.t.alerts.scoped(citeDocument(doc.meta, ctx.t)));
    }
    if (payload.startsWith("doc_")) {
      const engine = deps.engine();
      const id = payload.slice(4);
      const doc = engine.documentByKey(id) ?? engine.corpus.documents.get(id);
      if (!doc) return ctx.reply(ctx.t.stale);
      for (const text of renderDocument(doc, ctx.t, deps.publicBaseUrl, (d) => engine.corpus.documents.get(d)))
        await ctx.reply(text, HTML);
      return;
    }
    const name = escapeHtml(ctx.from?.first_name ?? "");
    const examples = ctx.t.examples.map((e) => `• ${escapeHtml(e)}`).join("\n");
    await ctx.reply(`${ctx.t.greeting(name)}\n${examples}`, HTML);
  });
  composer.command("help", (ctx) => ctx.reply(ctx.t.help, HTML));
  composer.command(["vanban", "docs"], async (ctx) => {
    const { text, keyboard } = renderDocumentList(deps.engine(), 0, ctx.t, deps.publicBaseUrl);
    await ctx.reply(text, { ...HTML, reply_markup: keyboard });
  });
  composer.command(["moi", "latest"], async (ctx) => {
    const docs = newestFirst(deps.engine().corpus.documents.values()).slice(0, 5);
    if (docs.length === 0) return ctx.reply(ctx.t.noDocuments);
    const lines = docs.map((d) => documentLine(d, ctx.t, deps.publicBaseUrl));
    await ctx.reply(`${escapeHtml(ctx.t.latest)}\n${lines.join("\n")}`, HTML);
  });
  composer.command("lang", async (ctx) => {
    const wanted = ctx.match.trim().toLowerCase();
    const lang = wanted === "vi" || wanted === "en" ? wanted : ctx.lang === "vi" ? "en" : "vi";
    if (ctx.from) deps.store.setLang(ctx.from.id, lang);
    await ctx.reply(MESSAGES[lang].langSet);
  });
  return composer;
}

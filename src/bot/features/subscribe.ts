import { Composer, type Filter } from "grammy";
import { escapeHtml, HTML } from "../render-telegram.ts";
import { normalizeFilter } from "../../alerts/match-filter.ts";
import type { Subscriptions } from "../../store/subscriptions.ts";
import { looksLikeBody } from "../../corpus/match-body.ts";
import type { AdminFilter } from "../admin-filter.ts";
import type { BotContext, FeatureDeps } from "../context.ts";

export interface AlertCounts {
  docId: string;
  queued: number;
  sent: number;
  failed: number;
  inactive: number;
}

export interface AlertDeps {
  subscriptions: Subscriptions;
  /** Delivery counts for the most recent documents, newest first. */
  recentCounts(): AlertCounts[];
  /** Drops a chat's (topic's) alerts not yet sent (it unsubscribed from everything). */
  cancelQueued?(chatId: number, threadId: number): void;
  /** Called after a subscription change so the worker and audit see it. */
  onChange?(event: { chatId: number; userId: number | null; action: string; filter: string }): void;
}

/**
 * The forum topic a message was written in; 0 for none. Only `is_topic_message` says so: a message in General
 * (which Telegram addresses without a thread id) can carry the thread id of the message it replies to.
 */
export function topicOf(ctx: BotContext): number {
  const msg = ctx.msg;
  return msg?.is_topic_message && msg.message_thread_id !== undefined ? msg.message_thread_id : 0;
}

/** Telegram's placeholder sender for anonymous group administrators. */
const ANONYMOUS_ADMIN = 1087968824;

/** Bot admins first (no API call), then the chat's own administrators (getChatMember). Private chats manage themselves. */
async function maySubscribe(ctx: BotContext, isAdmin: AdminFilter): Promise<boolean> {
  if (!ctx.chat || !ctx.from) return false;
  if (ctx.chat.type === "private") return true;
  if (isAdmin(ctx)) return true;
  if (ctx.from.id === ANONYMOUS_ADMIN && ctx.msg?.sender_chat?.id === ctx.chat.id) return true;
  try {
    const member = await ctx.getChatMember(ctx.from.id);
    return member.status === "administrator" || member.status === "creator";
  } catch {
    return false;
  }
}

/** /dangky (/subscribe), /huydangky (/unsubscribe), /subscriptions, /alerts, and the bot being added or removed. */
export function subscribeFeature(deps: FeatureDeps, alerts: AlertDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const subs = alerts.subscriptions;

  composer.command(["dangky", "subscribe"], async (ctx) => {
    if (!(await maySubscribe(ctx, deps.isAdmin))) return ctx.reply(ctx.t.alerts.notAllowed);
    const filter = normalizeFilter(ctx.match);
    const result = subs.subscribe(ctx.chat.id, ctx.chat.type, filter, ctx.from?.id ?? null, topicOf(ctx));
    alerts.onChange?.({ chatId: ctx.chat.id, userId: ctx.from?.id ?? null, action: "subscribe", filter });
    const unit = filter && looksLikeBody(filter) ? `\n${ctx.t.duties.subscribedUnit(ctx.match.trim())}` : "";
    await ctx.reply(
      result === "added" ? `${ctx.t.alerts.subscribed(ctx.match.trim())}${unit}` : ctx.t.alerts.alreadySubscribed,
    );
  });

  composer.command(["huydangky", "unsubscribe"], async (ctx) => {
    if (!(await maySubscribe(ctx, deps.isAdmin))) return ctx.reply(ctx.t.alerts.notAllowed);
    const filter = ctx.match.trim() ? normalizeFilter(ctx.match) : undefined;
    const topic = topicOf(ctx);
    const removed = subs.unsubscribe(ctx.chat.id, filter, topic);
    if (subs.list(ctx.chat.id, topic).length === 0) alerts.cancelQueued?.(ctx.chat.id, topic);
    alerts.onChange?.({
      chatId: ctx.chat.id,
      userId: ctx.from?.id ?? null,
      action: "unsubscribe",
      filter: filter ?? "*",
    });
    await ctx.reply(ctx.t.alerts.unsubscribed(removed));
  });

  composer.command(["subscriptions", "dangkycuatoi"], async (ctx) => {
    const lines = subs
      .list(ctx.chat.id, topicOf(ctx))
      .map(
        (s) => `• ${s.filter ? escapeHtml(s.filter) : ctx.t.alerts.all}${s.active ? "" : ` (${ctx.t.alerts.paused})`}`,
      )
      .join("\n");
    await ctx.reply(ctx.t.alerts.list(lines), HTML);
  });

  composer.command("alerts", async (ctx) => {
    if (!deps.isAdmin(ctx)) return ctx.reply(ctx.t.alerts.adminOnly);
    const rows = alerts
      .recentCounts()
      .map((c) => `• ${escapeHtml(c.docId)}: ${c.queued} / ${c.sent} / ${c.failed} / ${c.inactive}`);
    await ctx.reply(`${escapeHtml(ctx.t.alerts.stats)}\n${rows.join("\n") || "—"}`, HTML);
  });

  composer.on("my_chat_member", (ctx) => membershipChanged(ctx, deps, alerts));
  return composer;
}

/** Removed or kicked: pause the chat's alerts. Added again: a one-line hint; /dangky resumes. */
async function membershipChanged(
  ctx: Filter<BotContext, "my_chat_member">,
  deps: FeatureDeps,
  alerts: AlertDeps,
): Promise<void> {
  const status = ctx.myChatMember.new_chat_member.status;
  const before = ctx.myChatMember.old_chat_member.status;
  const chatId = ctx.myChatMember.chat.id;
  if (status === "kicked" || status === "left") {
    alerts.subscriptions.pause(chatId, status);
    alerts.onChange?.({ chatId, userId: ctx.from?.id ?? null, action: `bot ${status}`, filter: "*" });
  } else if (
    (status === "member" || status === "administrator") &&
    (before === "left" || before === "kicked") &&
    ctx.myChatMember.chat.type !== "private"
  ) {
    await ctx.api
      .sendMessage(chatId, ctx.t.alerts.addedHint)
      .catch((err) => deps.log.warn("bot: could not greet the group", { chatId, error: String(err) }));
  }
}

import type { UnansweredQuestion, UsageStats } from "../store/usage-stats.ts";
import type { AuditLog, Reloader } from "../admin/types.ts";
import { renderReloadReport } from "../bot/render-report.ts";
import { normalizeFilter } from "../alerts/match-filter.ts";
import type { Subscriptions } from "../store/subscriptions.ts";
import type { Engine } from "../engine.ts";
import { MESSAGES } from "../i18n/messages.ts";
import type { ZaloTurn } from "./handle-update.ts";
import { ZALO_MESSAGES } from "./messages.ts";
import { htmlToPlain } from "./render-zalo.ts";

export interface CommandDeps {
  engine(): Engine;
  subscriptions: Subscriptions;
  /** Drops a chat's alerts not yet sent (it unsubscribed from everything). */
  cancelQueued(chatKey: string): void;
  audit: AuditLog;
  /** Zalo user ids of the bot's admins (ZALO_ADMIN_IDS), checked on every admin command. */
  adminIds: readonly string[];
  admin: {
    reloader: Reloader;
    usage(): UsageStats;
    unanswered(): UnansweredQuestion[];
  };
}

const ADMIN = new Set(["reload", "stats", "unanswered"]);

/** /start, /help, /dangky, /huydangky, and the admin commands (private chat, ZALO_ADMIN_IDS only, always audited). */
export async function runCommand(deps: CommandDeps, turn: ZaloTurn, name: string, args: string): Promise<void> {
  const t = MESSAGES.vi;
  if (ADMIN.has(name)) return runAdmin(deps, turn, name);
  switch (name) {
    case "start":
    case "help": {
      const examples = t.examples.map((e) => `• ${e}`).join("\n");
      const greeting = t.greeting(turn.msg.from.display_name ?? turn.msg.from.name ?? "");
      return turn.reply(`${greeting}\n${examples}\n\n${ZALO_MESSAGES.vi.help}`);
    }
    case "dangky":
    case "subscribe": {
      const filter = normalizeFilter(args);
      const result = deps.subscriptions.subscribe(
        turn.chatKey,
        turn.group ? "group" : "private",
        filter,
        turn.userKey,
        0,
        "zalo",
      );
      deps.audit.record({
        actorId: turn.userKey,
        action: "subscribe",
        target: `${turn.chatKey} ${filter}`.trim(),
        outcome: "ok",
      });
      return turn.reply(result === "added" ? t.alerts.subscribed(args.trim()) : t.alerts.alreadySubscribed);
    }
    case "huydangky":
    case "unsubscribe": {
      const filter = args.trim() ? normalizeFilter(args) : undefined;
      const removed = deps.subscriptions.unsubscribe(turn.chatKey, filter);
      if (deps.subscriptions.list(turn.chatKey).length === 0) deps.cancelQueued(turn.chatKey);
      deps.audit.record({
        actorId: turn.userKey,
        action: "unsubscribe",
        target: `${turn.chatKey} ${filter ?? "*"}`,
        outcome: "ok",
      });
      return turn.reply(t.alerts.unsubscribed(removed));
    }
    default:
      // In a group an unknown command may be for another bot: stay quiet.
      if (!turn.group) await turn.reply(t.unknownCommand);
  }
}

async function runAdmin(deps: CommandDeps, turn: ZaloTurn, name: string): Promise<void> {
  const t = MESSAGES.vi;
  const isAdmin = deps.adminIds.includes(turn.msg.from.id);
  if (!isAdmin || turn.group) {
    deps.audit.record({
      actorId: turn.userKey,
      action: name,
      outcome: "refused",
      detail: isAdmin ? "zalo group chat" : "zalo: not in ZALO_ADMIN_IDS",
    });
    return turn.reply(isAdmin ? ZALO_MESSAGES.vi.adminPrivateOnly : t.admin.refused);
  }
  if (name === "reload") {
    await turn.reply(t.admin.reloading);
    const report = await deps.admin.reloader.reload("command", turn.userKey);
    const detail = report.ok
      ? `+${report.added.length} ~${report.changed.length} -${report.removed.length}`
      : (report.error ?? null);
    deps.audit.record({ actorId: turn.userKey, action: "reload", outcome: report.ok ? "ok" : "failed", detail });
    return turn.reply(htmlToPlain(renderReloadReport(report, t)));
  }
  deps.audit.record({ actorId: turn.userKey, action: name, outcome: "ok" });
  if (name === "stats") return turn.reply(renderStats(deps.engine(), deps.admin.usage()));
  const rows = deps.admin.unanswered();
  if (rows.length === 0) return turn.reply(t.admin.noUnanswered);
  return turn.reply(
    `${t.admin.unanswered}\n${rows.map((r) => `• ${r.question.slice(0, 100)} — ${r.count} (${r.reason})`).join("\n")}`,
  );
}

function renderStats(engine: Engine, u: UsageStats): string {
  const rate = u.answeredRate === null ? "–" : `${Math.round(u.answeredRate * 100)}%`;
  const median = u.medianLatencyMs === null ? "–" : `${u.medianLatencyMs.toFixed(1)} ms`;
  return [
    MESSAGES.vi.admin.stats,
    `📚 ${engine.corpus.documents.size} / ${engine.corpus.passages.length} (docs / passages)`,
    `❓ today ${u.today} · 7 days ${u.week} · answered ${rate} · median ${median}`,
    `👍 ${u.feedback.up} · 👎 ${u.feedback.down}`,
    ...u.top.map((q, i) => `${i + 1}. ${q.question.slice(0, 80)} (${q.count})`),
  ].join("\n");
}

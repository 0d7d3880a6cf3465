import { Composer } from "grammy";
import { parseGlossaryCommand } from "../../admin/parse-glossary-command.ts";
import type { GlossaryEntry } from "../../store/glossary-extra.ts";
import { renderReloadReport } from "../render-report.ts";
import type { UnansweredQuestion, UsageStats } from "../../store/usage-stats.ts";
import type { AuditLog, Reloader } from "../../admin/types.ts";
import { escapeHtml, HTML } from "../render-telegram.ts";
import type { BotContext, FeatureDeps } from "../context.ts";
import type { Engine } from "../../engine.ts";
import type { Messages } from "../../i18n/messages.ts";
import { runLong } from "../long-work.ts";

export interface AdminDeps {
  reloader: Reloader;
  audit: AuditLog;
  usage(): UsageStats;
  unanswered(): UnansweredQuestion[];
  addGlossary(entry: GlossaryEntry, by: number): void;
  /** Process figures for /stats: memory in MB, uptime in s. */
  process(): { heapMB: number; buffersMB: number; uptimeS: number };
}

/** /reload, /stats, /unanswered, /glossary: bot admins only, checked on every call and audited either way. */
export function adminFeature(deps: FeatureDeps, admin: AdminDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const allowed = async (ctx: BotContext, action: string): Promise<boolean> => {
    if (deps.isAdmin(ctx)) return true;
    admin.audit.record({ actorId: ctx.from?.id ?? null, action, outcome: "refused" });
    await ctx.reply(ctx.t.admin.refused);
    return false;
  };

  composer.command("reload", async (ctx) => {
    if (!(await allowed(ctx, "reload"))) return;
    await ctx.reply(ctx.t.admin.reloading);
    // Acknowledged above; in webhook mode the reload runs after the update is answered.
    await runLong(deps, ctx, "reload", () => reloadAndReport(ctx, admin));
  });

  composer.command("stats", async (ctx) => {
    if (!(await allowed(ctx, "stats"))) return;
    const lines = statsLines(ctx.t, deps.engine(), admin.usage(), admin.process());
    admin.audit.record({ actorId: ctx.from!.id, action: "stats", outcome: "ok" });
    await ctx.reply(lines.join("\n"), HTML);
  });

  composer.command("unanswered", async (ctx) => {
    if (!(await allowed(ctx, "unanswered"))) return;
    const rows = admin.unanswered();
    admin.audit.record({ actorId: ctx.from!.id, action: "unanswered", outcome: "ok" });
    if (rows.length === 0) return ctx.reply(ctx.t.admin.noUnanswered);
    await ctx.reply(
      `${escapeHtml(ctx.t.admin.unanswered)}\n${rows.map((r) => `• ${escapeHtml(r.question.slice(0, 100))} — ${r.count} (${r.reason})`).join("\n")}`,
      HTML,
    );
  });

  composer.command("glossary", async (ctx) => {
    if (!(await allowed(ctx, "glossary"))) return;
    await addGlossary(ctx, admin, ctx.match);
  });
  return composer;
}

async function reloadAndReport(ctx: BotContext, admin: AdminDeps): Promise<void> {
  const report = await admin.reloader.reload("command", ctx.from!.id);
  admin.audit.record({
    actorId: ctx.from!.id,
    action: "reload",
    outcome: report.ok ? "ok" : "failed",
    detail: report.ok
      ? `+${report.added.length} ~${report.changed.length} -${report.removed.length}`
      : (report.error ?? null),
  });
  await ctx.reply(renderReloadReport(report, ctx.t), HTML);
}

/** /stats: the corpus, the process, the questions of today and the week, feedback, the top questions. */
function statsLines(t: Messages, engine: Engine, u: UsageStats, p: ReturnType<AdminDeps["process"]>): string[] {
  const rate = u.answeredRate === null ? "–" : `${Math.round(u.answeredRate * 100)}%`;
  return [
    `<b>${escapeHtml(t.admin.stats)}</b>`,
    `📚 ${engine.corpus.documents.size} / ${engine.corpus.passages.length} (docs / passages)`,
    `🧠 heap ${p.heapMB.toFixed(0)} MB + ${p.buffersMB.toFixed(0)} MB · ⏱ uptime ${Math.round(p.uptimeS / 60)} min`,
    `❓ today ${u.today} · 7 days ${u.week} · answered ${rate} · median ${u.medianLatencyMs === null ? "–" : `${u.medianLatencyMs.toFixed(1)} ms`}`,
    `👍 ${u.feedback.up} · 👎 ${u.feedback.down}`,
    ...u.top.map((q, i) => `${i + 1}. ${escapeHtml(q.question.slice(0, 80))} (${q.count})`),
  ];
}

/** /glossary en = vi, vi: a term pair admins add; a malformed command is answered with what is wrong. */
async function addGlossary(ctx: BotContext, admin: AdminDeps, command: string): Promise<unknown> {
  const parsed = parseGlossaryCommand(command);
  if ("error" in parsed) {
    admin.audit.record({ actorId: ctx.from!.id, action: "glossary", outcome: "failed", detail: parsed.error });
    return ctx.reply(parsed.error);
  }
  admin.addGlossary(parsed, ctx.from!.id);
  admin.audit.record({
    actorId: ctx.from!.id,
    action: "glossary",
    target: parsed.en,
    outcome: "ok",
    detail: parsed.vi.join(", "),
  });
  await ctx.reply(ctx.t.admin.glossaryAdded(parsed.en, parsed.vi.join(", ")));
}

import { describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/store/audit-log.ts";
import { parseGlossaryCommand } from "../../src/admin/parse-glossary-command.ts";
import { createGlossaryExtra } from "../../src/store/glossary-extra.ts";
import { createUsageStats } from "../../src/store/usage-stats.ts";
import type { ReloadReport } from "../../src/admin/types.ts";
import { botStoreFrom } from "../../src/bot/bot-store.ts";
import { extendLexicon, loadLexicon } from "../../src/search/glossary.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { openStore } from "../../src/store/open-store.ts";
import { makeBot, privateText } from "./harness.ts";

const ADMIN = 7001;
const report: ReloadReport = {
  ok: true,
  added: ["2021-08-01-moi"],
  changed: [],
  removed: [],
  documents: 6,
  passages: 90,
  fileErrors: [{ file: "hong.txt", error: "binary content" }],
  fileWarnings: [],
  ms: 42,
  queued: 2,
};

function setup(adminIds: number[]) {
  const store = openStore(":memory:");
  const audit = createAuditLog(store.db);
  const glossary = createGlossaryExtra(store.db);
  const usage = createUsageStats(store.db);
  let reloads = 0;
  const admin = {
    reloader: { reload: async () => (reloads++, report), settled: async () => {} },
    audit,
    usage: () => usage.usage(),
    unanswered: () => usage.unanswered(),
    addGlossary: (e: { en: string; vi: string[] }, by: number) => glossary.add(e, by),
    process: () => ({ heapMB: 50, buffersMB: 3, uptimeS: 600 }),
  };
  return {
    store,
    audit,
    glossary,
    reloads: () => reloads,
    make: () => makeBot(botStoreFrom(store), undefined, 1000, { adminIds, admin }),
  };
}

const texts = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

describe("bot: admin commands", () => {
  it("refuses /reload, /stats, /unanswered and /glossary to a non-admin, audits each refusal, and changes nothing", async () => {
    const s = setup([99]);
    const { bot, calls } = await s.make();
    for (const cmd of ["/reload", "/stats", "/unanswered", "/glossary add curfew = giới nghiêm"])
      await bot.handleUpdate(privateText(cmd));
    expect(texts(calls)).toEqual(Array(4).fill("Lệnh này chỉ dành cho quản trị bot."));
    expect(s.reloads()).toBe(0);
    expect(s.glossary.all()).toEqual([]);
    expect(s.audit.recent(10).map((e) => [e.action, e.outcome, e.actorId])).toEqual([
      ["glossary", "refused", ADMIN],
      ["unanswered", "refused", ADMIN],
      ["stats", "refused", ADMIN],
      ["reload", "refused", ADMIN],
    ]);
  });

  it("/reload as admin reloads and replies with added documents, file errors, passages and time; audited", async () => {
    const s = setup([ADMIN]);
    const { bot, calls } = await s.make();
    await bot.handleUpdate(privateText("/reload"));
    const [progress, summary] = texts(calls);
    expect(progress).toBe("Đang tải lại kho văn bản…");
    expect(summary).toContain("<b>Đã tải lại kho văn bản.</b>\n6 văn bản, 90 đoạn, 42 ms.");
    expect(summary).toContain("Thêm mới (1):\n  • 2021-08-01-moi");
    expect(summary).toContain("⚠️ hong.txt: binary content");
    expect(summary).toContain("Đã xếp 2 thông báo");
    expect(s.audit.recent(1)[0]).toMatchObject({ action: "reload", outcome: "ok", actorId: ADMIN });
  });

  it("/glossary add persists an English entry that the next engine's lexicon uses", async () => {
    const s = setup([ADMIN]);
    const { bot, calls } = await s.make();
    await bot.handleUpdate(privateText("/glossary add curfew = giới nghiêm, cấm ra đường"));
    expect(texts(calls)[0]).toContain("Đã thêm «curfew» = giới nghiêm, cấm ra đường");
    const lexicon = extendLexicon(loadLexicon("data"), s.glossary.all());
    const q = parseQuery("what about the curfew?", lexicon);
    expect(q.concepts.some((c) => c.alternatives.some((a) => a.join(" ") === "giới nghiêm"))).toBe(true);
    expect(parseGlossaryCommand("add = x")).toHaveProperty("error");
    expect(parseGlossaryCommand("remove x = y")).toHaveProperty("error");
  });

  it("/stats and /unanswered read the query log", async () => {
    const s = setup([ADMIN]);
    const { bot, calls } = await s.make();
    await bot.handleUpdate(privateText("tiêm vắc xin"));
    await bot.handleUpdate(privateText("giá vàng hôm nay"));
    await bot.handleUpdate(privateText("giá vàng hôm nay"));
    await bot.handleUpdate(privateText("/stats"));
    await bot.handleUpdate(privateText("/unanswered"));
    const all = texts(calls);
    const stats = all.find((t) => t.startsWith("<b>Thống kê</b>"))!;
    expect(stats).toMatch(/today 3 · 7 days 3 · answered 33%/);
    expect(all.at(-1)).toBe("Câu hỏi chưa có câu trả lời (30 ngày):\n• giá vàng hôm nay — 2 (no answer)");
  });
});

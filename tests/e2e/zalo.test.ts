import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";
import { FakeZaloServer, textUpdate } from "../zalo/fake-zalo-server.ts";
import { freePort, startBotProcess, until, type BotProcess } from "./bot-process.ts";

const TOKEN = "3141592653:zaloE2eTokenForTheLocalBotApiServer";
const ADMIN = "adm-7781";
const NEW_DOC = "2021-07-21-kien-giang-cv-209.txt";
const PRIVATE = { id: "pc-100", type: "PRIVATE" as const };
const GROUP = { id: "gr-200", type: "GROUP" as const };
const USER = { id: "usr-100", name: "Cán bộ A" };
const READY = "zalo: Văn Bản Bot is polling";

describe("end to end: the real process on Zalo (polling) against a local Bot API server", () => {
  const zalo = new FakeZaloServer({ token: TOKEN, maxPollMs: 500 });
  let dataDir: string;
  let stateDir: string;
  let env: Record<string, string>;
  let app: BotProcess | undefined;

  const say = (chat: { id: string; type: "PRIVATE" | "GROUP" }, from: { id: string }, text: string) =>
    zalo.enqueue(textUpdate(chat, from, text));
  /** The messages to a chat after the first `from` of them, once `count` have come. */
  const replies = (chatId: string, from: number, count = 1) =>
    until(`${count} replies in ${chatId}`, () =>
      zalo.sentTo(chatId).length >= from + count ? zalo.sentTo(chatId).slice(from) : undefined,
    );

  beforeAll(async () => {
    await zalo.start();
    dataDir = await mkdtemp(join(tmpdir(), "zalo-data-"));
    stateDir = await mkdtemp(join(tmpdir(), "zalo-state-"));
    for (const f of await readdir(join(ROOT, "data/directives")))
      if (f !== NEW_DOC) await copyFile(join(ROOT, "data/directives", f), join(dataDir, f));
    env = {
      ZALO_BOT_TOKEN: TOKEN,
      ZALO_API_ROOT: zalo.apiRoot,
      ZALO_ADMIN_IDS: ADMIN,
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
      PORT: String(await freePort()),
    };
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
    await zalo.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  it("answers a private question with cited plain-text answers, 'thêm' and '1', and says so while searching", async () => {
    app = await startBotProcess(env, READY);
    expect(app.output()).toContain("telegram: bot is off");
    say(PRIVATE, USER, "Ai chịu trách nhiệm tiêm vắc xin?");
    const first = await replies(PRIVATE.id, 0);
    const answer = first.map((m) => m.text).join("\n\n");
    expect(answer).toMatch(/^1\. /);
    expect(answer).toContain("🔗 http://bot.test/d/");
    expect(answer).toContain("«thêm»");
    expect(zalo.actions).toContainEqual({ chat_id: PRIVATE.id, action: "typing" });
    for (const m of zalo.sent) expect([...m.text].length).toBeLessThanOrEqual(2000);

    const before = zalo.sentTo(PRIVATE.id).length;
    say(PRIVATE, USER, "thêm");
    const more = (await replies(PRIVATE.id, before)).map((m) => m.text).join("\n\n");
    expect(more).toMatch(/^4\. /);
    expect(more).toContain("🔗 http://bot.test/d/");

    const beforeItem = zalo.sentTo(PRIVATE.id).length;
    say(PRIVATE, USER, "1");
    const item = (await replies(PRIVATE.id, beforeItem)).map((m) => m.text).join("\n\n");
    expect(item).toMatch(/^📄 /);
    const firstLink = /🔗 (\S+)/.exec(answer)![1]!;
    expect(item.endsWith(`🔗 ${firstLink}`)).toBe(true);
  }, 60_000);

  it("ignores group chatter, answers a mention, and subscribes the group with /dangky", async () => {
    say(GROUP, USER, "Chiều nay họp chi bộ lúc mấy giờ?");
    say(GROUP, USER, "1");
    say(GROUP, USER, "@Văn Bản Bot UBND tỉnh làm gì về xét nghiệm?");
    const [mention] = await replies(GROUP.id, 0);
    // Updates of one chat are handled in order: had the chatter been answered, its reply would come first.
    expect(mention!.text).toMatch(/^1\. /);
    expect(mention!.text).toContain("«/hoi thêm»");
    say(GROUP, USER, "/dangky");
    const [subscribed] = await replies(GROUP.id, zalo.sentTo(GROUP.id).length);
    expect(subscribed!.text).toBe("Đã đăng ký nhận thông báo mọi văn bản mới.");
  }, 60_000);

  it("alerts the subscribed group exactly once across restarts, and only admins may /reload", async () => {
    expect(await app!.stop()).toBe(0);
    await copyFile(join(ROOT, "data/directives", NEW_DOC), join(dataDir, NEW_DOC));
    const sentBefore = zalo.sentTo(GROUP.id).length;
    app = await startBotProcess(env, READY);
    const [alert] = await replies(GROUP.id, sentBefore);
    expect(alert!.text.startsWith("🆕 Văn bản mới")).toBe(true);
    expect(alert!.text).toContain("209-CV/TU");
    expect(await app.stop()).toBe(0);

    app = await startBotProcess(env, READY);
    say(PRIVATE, USER, "/reload");
    const [refused] = await replies(PRIVATE.id, zalo.sentTo(PRIVATE.id).length);
    expect(refused!.text).toBe("Lệnh này chỉ dành cho quản trị bot.");
    const adminChat = { id: "pc-admin", type: "PRIVATE" as const };
    say(adminChat, { id: ADMIN }, "/reload");
    const report = await replies(adminChat.id, 0, 2);
    expect(report.map((m) => m.text)).toEqual([
      "Đang tải lại kho văn bản…",
      expect.stringContaining("Đã tải lại kho văn bản."),
    ]);
    expect(report[1]!.text).toContain("Không có văn bản nào thay đổi.");
    expect(await app.stop()).toBe(0);
    app = undefined;

    expect(zalo.sentTo(GROUP.id).filter((m) => m.text.startsWith("🆕"))).toHaveLength(1);
    const db = new Database(join(stateDir, "state.db"), { readonly: true });
    try {
      const audit = db
        .prepare("SELECT actor_id AS actor, action, outcome FROM audit_log WHERE action = 'reload' ORDER BY id")
        .all();
      expect(audit).toEqual([
        { actor: `zalo:${USER.id}`, action: "reload", outcome: "refused" },
        { actor: `zalo:${ADMIN}`, action: "reload", outcome: "ok" },
      ]);
      const channels = db.prepare("SELECT DISTINCT channel FROM query_log").pluck().all();
      expect(channels).toEqual(["zalo"]);
      expect(db.prepare("SELECT channel, chat_id FROM deliveries").all()).toEqual([
        { channel: "zalo", chat_id: `zalo:${GROUP.id}` },
      ]);
    } finally {
      db.close();
    }
  }, 120_000);
});

describe("end to end: Zalo webhook mode on the web server", () => {
  const zalo = new FakeZaloServer({ token: TOKEN });
  let app: BotProcess | undefined;

  beforeAll(() => zalo.start());
  afterAll(async () => {
    await app?.stop();
    await zalo.stop();
  });

  it("registers the webhook with its secret, answers deliveries that carry it, refuses others with 401", async () => {
    const port = await freePort();
    const secret = "zalo-hook-secret-0042";
    app = await startBotProcess(
      {
        ZALO_BOT_TOKEN: TOKEN,
        ZALO_API_ROOT: zalo.apiRoot,
        ZALO_MODE: "webhook",
        ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo/webhook`,
        ZALO_WEBHOOK_SECRET: secret,
        PORT: String(port),
      },
      "receives updates by webhook",
    );
    expect(zalo.webhook).toEqual({ url: `http://127.0.0.1:${port}/zalo/webhook`, secret });
    expect(app.output()).not.toContain(secret);
    expect(await zalo.deliver(textUpdate(PRIVATE, USER, "tạm dừng karaoke"), null)).toBe(401);
    expect(await zalo.deliver(textUpdate(PRIVATE, USER, "tạm dừng karaoke"), "wrong-secret-123")).toBe(401);
    expect(await zalo.deliver(textUpdate(PRIVATE, USER, "tạm dừng karaoke"))).toBe(200);
    const [reply] = await until("the webhook answer", () =>
      zalo.sentTo(PRIVATE.id).length ? zalo.sentTo(PRIVATE.id) : undefined,
    );
    expect(reply!.text).toMatch(/^1\. /);
    await new Promise((r) => setTimeout(r, 300));
    // Only the delivery with the secret was answered.
    expect(zalo.sentTo(PRIVATE.id).filter((m) => m.text.startsWith("1. "))).toHaveLength(1);
  }, 60_000);
});

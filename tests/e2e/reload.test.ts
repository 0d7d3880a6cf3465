import { chmod, copyFile, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";
import {
  appPid,
  freePort,
  startBotProcess,
  TelegramServer,
  until,
  type BotProcess,
  type Emulator,
  adminBotEnv,
} from "./bot-process.ts";

const TOKEN = "3456789:AAEreloadTestTokenForTheEmulator01";
const ADMIN = 701;
const USER = 702;
const SEED_DIR = join(ROOT, "data/directives");
const NEW_DOC = "2021-07-21-kien-giang-cv-209";
const NEW_QUESTION = "Kiên Giang giãn cách xã hội theo Chỉ thị 16 từ ngày nào đến ngày nào?";
/** Reached only through a symlink in DATA_DIR: writing it changes the corpus without a watcher event, so only SIGHUP can pick it up. */
const HIDDEN_DOC = "2021-08-02-con-co-cv-77";
const HIDDEN_QUESTION = "Ai kiểm đếm tàu thuyền tránh trú bão?";
const HIDDEN_TEXT = `HUYỆN ỦY CỒN CỎ
Số 77-CV/HU
Cồn Cỏ, ngày 2 tháng 8 năm 2021

CÔNG VĂN
về việc phòng, chống cơn bão số 3

Kính gửi: Các chi bộ trực thuộc

1. Ban Chỉ huy phòng chống thiên tai huyện tổ chức kiểm đếm tàu thuyền, hướng dẫn ngư dân đưa tàu thuyền vào nơi tránh trú bão an toàn trước 17 giờ ngày 3/8/2021.

2. Ủy ban nhân dân huyện chuẩn bị lương thực, nước ngọt dự trữ đủ dùng cho 10 ngày tại đảo.

T/M BAN THƯỜNG VỤ
BÍ THƯ
`;

interface BotMessage {
  messageId: number;
  message: { text: string; chat_id: number | string };
}

/** Bot replies are HTML; the emulator keeps them as sent. */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("end to end: reloading the corpus of the real process (/reload, the watcher, SIGHUP)", () => {
  let server: Emulator;
  let app: BotProcess;
  let dataDir: string;
  let outsideDir: string;
  let stateDir: string;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    dataDir = await mkdtemp(join(tmpdir(), "reload-data-"));
    outsideDir = await mkdtemp(join(tmpdir(), "reload-outside-"));
    stateDir = await mkdtemp(join(tmpdir(), "reload-state-"));
    for (const f of await readdir(SEED_DIR))
      if (f !== `${NEW_DOC}.txt`) await copyFile(join(SEED_DIR, f), join(dataDir, f));
    // Dangling until test (c) writes its target: reported as unreadable at start, the other four load.
    await symlink(join(outsideDir, `${HIDDEN_DOC}.txt`), join(dataDir, `${HIDDEN_DOC}.txt`));
    app = await startBotProcess(
      await adminBotEnv({ token: TOKEN, apiRoot: server.config.apiURL, dataDir, stateDir, admin: ADMIN }),
      "is polling",
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await server?.stop();
    for (const d of [dataDir, outsideDir, stateDir]) if (d) await rm(d, { recursive: true, force: true });
  });

  const botMessages = () => server.storage.botMessages as unknown as BotMessage[];
  /** The first bot message to `chatId` after index `after` whose plain text passes `test`, as sent (HTML). */
  const replyTo = (chatId: number, after: number, test: (text: string) => boolean, what = "a bot reply") =>
    until(
      what,
      () =>
        botMessages()
          .slice(after)
          .find((m) => Number(m.message.chat_id) === chatId && test(plain(m.message.text)))?.message.text,
    );
  /** The app's log entries (pino JSON lines) whose message matches `msg` and whose fields include `fields`. */
  const logLines = (msg: RegExp, fields: Record<string, unknown> = {}) =>
    app
      .output()
      .split("\n")
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      })
      .filter((e) => msg.test(String(e.msg)) && Object.entries(fields).every(([k, v]) => e[k] === v));
  const adminClient = () =>
    server.getClient(TOKEN, { userId: ADMIN, chatId: ADMIN, type: "private", firstName: "Admin" });
  const userClient = () => server.getClient(TOKEN, { userId: USER, chatId: USER, type: "private", firstName: "Lan" });

  /** Asks in a private chat; returns the first cited link of the answer ("" when nothing was found). */
  async function ask(chatId: number, question: string): Promise<string> {
    const client = chatId === ADMIN ? adminClient() : userClient();
    const seen = botMessages().length;
    await client.sendMessage(client.makeMessage(question));
    const html = await replyTo(
      chatId,
      seen,
      (t) => t.startsWith("1. ") || t.startsWith("Không tìm thấy"),
      `the answer to "${question}"`,
    );
    return /href="([^"]+)"/.exec(html)?.[1] ?? "";
  }

  /** Sends /reload and returns the reply (as plain text) that passes `done`. */
  async function reload(chatId: number, done: (text: string) => boolean): Promise<string> {
    const client = chatId === ADMIN ? adminClient() : userClient();
    const seen = botMessages().length;
    await client.sendCommand(client.makeCommand("/reload"));
    return plain(await replyTo(chatId, seen, done, "the /reload reply"));
  }

  it("starts with the four seeds; the dangling symlink is reported, not fatal", () => {
    expect(app.output()).toMatch(/corpus: 4 documents/);
    expect(app.output()).toContain(HIDDEN_DOC);
    expect(app.output()).not.toContain(TOKEN);
  });

  it("(b) a non-admin's /reload is refused and nothing reloads", async () => {
    const before = logLines(/^reload: (done|refused|failed)/).length;
    const reply = await reload(USER, (t) => t === "Lệnh này chỉ dành cho quản trị bot.");
    expect(reply).toBe("Lệnh này chỉ dành cho quản trị bot.");
    await sleep(300);
    expect(logLines(/^reload: (done|refused|failed)/)).toHaveLength(before);
    expect(
      botMessages().some((m) => Number(m.message.chat_id) === USER && plain(m.message.text).startsWith("Đang tải lại")),
    ).toBe(false);
    // Before the copy, the Kiên Giang question is answered from other documents.
    expect(await ask(USER, NEW_QUESTION)).not.toContain(`/d/${NEW_DOC}`);
  }, 20_000);

  it("(a) an admin's /reload after a file is copied into DATA_DIR lists it as added, and the next question is answered from it", async () => {
    const watchDone = () => logLines(/^reload: done$/, { source: "watch" });
    await copyFile(join(SEED_DIR, `${NEW_DOC}.txt`), join(dataDir, `${NEW_DOC}.txt`));
    const report = await reload(
      ADMIN,
      (t) => t.startsWith("Đã tải lại kho văn bản.") || t.startsWith("Tải lại thất bại"),
    );
    expect(report.startsWith("Đã tải lại kho văn bản."), report).toBe(true);
    expect(report).toMatch(/^5 văn bản, \d+ đoạn, \d+ ms\.$/m);
    // The watcher (debounced 500 ms) normally reloads after /reload has; if it won the race, /reload found nothing new.
    if (report.includes("Thêm mới")) {
      expect(report).toContain(`Thêm mới (1):\n  • ${NEW_DOC}`);
    } else {
      expect(report).toContain("Không có văn bản nào thay đổi.");
      expect(
        watchDone().some((e) => e.added === 1),
        app.output(),
      ).toBe(true);
    }
    // The corpus as the errors line shows: only the dangling symlink is unreadable.
    expect(report).toContain(`⚠️ ${HIDDEN_DOC}.txt:`);

    expect(await ask(ADMIN, NEW_QUESTION)).toMatch(new RegExp(`^http://bot\\.test/d/${NEW_DOC}#`));
    // Let the watcher's own reload of this copy finish, so it cannot be mistaken for the signal's below.
    await until("the watcher's reload", () => (watchDone().length > 0 ? true : undefined), 5_000);
    expect(logLines(/^reload: done$/, { source: "command", by: 701 })).toHaveLength(1);
  }, 30_000);

  it("(c) SIGHUP reloads the real process, which keeps running and answering", async () => {
    expect(await ask(USER, HIDDEN_QUESTION)).not.toContain(`/d/${HIDDEN_DOC}`);
    const watchBefore = logLines(/^reload: /, { source: "watch" }).length;
    // Through the symlink: no event in DATA_DIR, so the watcher does not see this.
    await writeFile(join(outsideDir, `${HIDDEN_DOC}.txt`), HIDDEN_TEXT);
    // To the node process running main.ts: the tsx wrapper (app.child) does not relay SIGHUP, it dies of it.
    process.kill(await appPid(app.child), "SIGHUP");
    const entry = await until("the signal reload", () => logLines(/^reload: done$/, { source: "signal" })[0], 10_000);
    expect(entry).toMatchObject({
      level: "info",
      msg: "reload: done",
      source: "signal",
      by: null,
      added: 1,
      changed: 0,
      removed: 0,
      errors: 0,
    });
    expect(entry.ms).toEqual(expect.any(Number));
    expect(String(entry.time)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(app.child.exitCode).toBeNull();
    expect(app.child.signalCode).toBeNull();
    expect(logLines(/^reload: /, { source: "watch" })).toHaveLength(watchBefore);

    expect(await ask(USER, HIDDEN_QUESTION)).toMatch(new RegExp(`^http://bot\\.test/d/${HIDDEN_DOC}#`));
  }, 20_000);

  it("(d) a reload where every file is broken keeps the old corpus", async () => {
    const names = await readdir(dataDir);
    expect(names).toHaveLength(6);
    for (const name of names) {
      await chmod(join(dataDir, name), 0o644); // copies of the seeds keep their read-only mode
      await writeFile(join(dataDir, name), Buffer.alloc(4096)); // NUL bytes; through the symlink for the hidden one
    }
    const report = await reload(
      ADMIN,
      (t) => t.startsWith("Đã tải lại kho văn bản.") || t.startsWith("Tải lại thất bại"),
    );
    expect(report.startsWith("Tải lại thất bại, vẫn dùng kho cũ:"), report).toBe(true);
    expect(report).toMatch(/no citable passage/);
    for (const name of names) expect(report).toContain(`⚠️ ${name}:`);

    // Still the corpus of (a) and (c): the new documents and an old one answer.
    expect(await ask(USER, NEW_QUESTION)).toMatch(new RegExp(`^http://bot\\.test/d/${NEW_DOC}#`));
    expect(await ask(USER, "Ai chịu trách nhiệm tiêm vắc xin?")).toMatch(/^http:\/\/bot\.test\/d\/2021-[^#]+#/);
    expect(await ask(ADMIN, HIDDEN_QUESTION)).toContain(`/d/${HIDDEN_DOC}#`);
    expect(app.child.exitCode).toBeNull();
  }, 20_000);

  it("stops cleanly on SIGTERM; the audit log has every /reload with its outcome", async () => {
    expect(await app.stop()).toBe(0);
    const db = new Database(join(stateDir, "state.db"), { readonly: true });
    try {
      const rows = db
        .prepare(
          "SELECT actor_id AS actorId, action, outcome, detail FROM audit_log WHERE action = 'reload' ORDER BY id",
        )
        .all();
      expect(rows).toEqual([
        { actorId: USER, action: "reload", outcome: "refused", detail: null },
        { actorId: ADMIN, action: "reload", outcome: "ok", detail: expect.stringMatching(/^\+[01] ~0 -0$/) },
        { actorId: ADMIN, action: "reload", outcome: "failed", detail: expect.stringMatching(/^no citable passage/) },
      ]);
    } finally {
      db.close();
    }
  }, 20_000);
});

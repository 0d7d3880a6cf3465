import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../helpers/corpus.ts";
import { freePort, startBotProcess, TelegramServer, until, type Emulator, adminBotEnv } from "./bot-process.ts";

const TOKEN = "2345679:AAEremindersTestTokenForTheEmulator1";
const ADMIN = 615;
const GROUP = -100615;
const USER = 616;

interface BotMessage {
  message: { text: string; chat_id: number | string };
}

const dmy = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

/** A Yên Thế letter dated today: one deadline in two days, one already past, one a month away. */
function letterWithDeadlines(): string {
  const today = new Date();
  return `ĐẢNG BỘ TỈNH BẮC GIANG
HUYỆN ỦY YÊN THẾ

ĐẢNG CỘNG SẢN VIỆT NAM
Yên Thế, ngày ${today.getUTCDate()} tháng ${today.getUTCMonth() + 1} năm ${today.getUTCFullYear()}

Số 400-CV/HU

V/v rà soát kế hoạch phòng, chống thiên tai trên địa bàn huyện

Kính gửi: - UBND huyện,
- Công an huyện.

Ban Thường vụ Huyện ủy yêu cầu:

1. UBND huyện, Công an huyện rà soát phương án sơ tán dân cư vùng ngập lụt, báo cáo Thường trực Huyện ủy trước ngày ${dmy(inDays(2))}.

2. UBND huyện tổng kết công tác cứu hộ mùa mưa bão năm trước, báo cáo trước ngày ${dmy(inDays(-5))}.

3. UBND huyện xây dựng kế hoạch diễn tập phòng, chống thiên tai, hoàn thành trước ngày ${dmy(inDays(30))}./.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nông Văn Tâm
`;
}

describe("end to end: deadline reminders for a unit subscription, and the superseded label", () => {
  let server: Emulator;
  let dataDir: string;
  let stateDir: string;
  const botMessages = () => server.storage.botMessages as unknown as BotMessage[];
  const reminders = () => botMessages().filter((m) => m.message.text.includes("⏰ Nhắc hạn"));

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    dataDir = await mkdtemp(join(tmpdir(), "reminders-data-"));
    stateDir = await mkdtemp(join(tmpdir(), "reminders-state-"));
    for (const f of await readdir(join(FIXTURE_DIR, "duties")))
      await copyFile(join(FIXTURE_DIR, "duties", f), join(dataDir, f));
    await writeFile(join(dataDir, "today-yen-the-cv-400.txt"), letterWithDeadlines());
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  it("/dangky UBND huyện: one reminder for the deadline in two days, none for the past or the distant one, none again after a restart", async () => {
    const env = await adminBotEnv({ token: TOKEN, apiRoot: server.config.apiURL, dataDir, stateDir, admin: ADMIN });
    const first = await startBotProcess(env, "Press Ctrl+C to stop");
    const admin = server.getClient(TOKEN, { userId: ADMIN, chatId: GROUP, type: "group", firstName: "Admin" });
    await admin.sendCommand(admin.makeCommand("/dangky UBND huyện"));
    const reply = await until("the subscription reply", () =>
      botMessages().find((m) => m.message.text.startsWith("Đã đăng ký")),
    );
    expect(reply.message.text).toContain("3 ngày trước mỗi hạn");
    const reminder = await until("the reminder", () => reminders()[0]);
    expect(Number(reminder.message.chat_id)).toBe(GROUP);
    expect(reminder.message.text).toContain(`trước ngày ${dmy(inDays(2))}`);
    expect(reminder.message.text).toContain("400-CV/HU");
    expect(reminder.message.text).toContain("còn 2 ngày");
    // Give the worker time to send anything else it (wrongly) queued.
    await new Promise((r) => setTimeout(r, 2500));
    expect(reminders()).toHaveLength(1);
    expect(await first.stop()).toBe(0);

    const second = await startBotProcess(env, "Press Ctrl+C to stop");
    await new Promise((r) => setTimeout(r, 3000));
    expect(reminders()).toHaveLength(1);
    expect(second.output()).not.toContain("reminders: queued");
    expect(await second.stop()).toBe(0);
  }, 90_000);

  it("an answer from a superseded letter carries '⚠ Đã được thay thế bởi …' in Telegram", async () => {
    const env = {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
      PORT: String(await freePort()),
    };
    const bot = await startBotProcess(env, "Press Ctrl+C to stop");
    const user = server.getClient(TOKEN, { userId: USER, chatId: USER, type: "private", firstName: "Cán bộ" });
    await user.sendMessage(user.makeMessage("Công văn 215 còn hiệu lực không?"));
    const answer = await until("the answer", () =>
      botMessages().find((m) => Number(m.message.chat_id) === USER && m.message.text.includes("215-CV/HU")),
    );
    expect(answer.message.text).toContain("⚠ Đã được thay thế bởi Công văn số 300-CV/HU ngày 10/8/2021");
    expect(await bot.stop()).toBe(0);
  }, 60_000);
});

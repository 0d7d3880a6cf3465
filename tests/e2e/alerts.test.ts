import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";
import { freePort, startBotProcess, TelegramServer, until, type Emulator, adminBotEnv } from "./bot-process.ts";

const TOKEN = "2345678:AAEalertsTestTokenForTheEmulator012";
const ADMIN = 601;
const GROUP = -100601;
const NEW_DOC = "2021-07-21-kien-giang-cv-209.txt";

interface BotMessage {
  message: { text: string; chat_id: number | string };
}

describe("end to end: a group subscribes, a new directive enters the corpus, the group is alerted", () => {
  let server: Emulator;
  let dataDir: string;
  let stateDir: string;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    dataDir = await mkdtemp(join(tmpdir(), "alerts-data-"));
    stateDir = await mkdtemp(join(tmpdir(), "alerts-state-"));
    for (const f of await readdir(join(ROOT, "data/directives")))
      if (f !== NEW_DOC) await copyFile(join(ROOT, "data/directives", f), join(dataDir, f));
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  it("delivers one alert for the new document after a restart, and none for the documents it already knew", async () => {
    const env = await adminBotEnv({ token: TOKEN, apiRoot: server.config.apiURL, dataDir, stateDir, admin: ADMIN });
    const first = await startBotProcess(env, "is polling");
    expect(first.output()).toMatch(/"firstLoad":true,.*"queued":0,"msg":"alerts: corpus compared with the store"/);
    const admin = server.getClient(TOKEN, { userId: ADMIN, chatId: GROUP, type: "group", firstName: "Admin" });
    await admin.sendCommand(admin.makeCommand("/dangky"));
    const botMessages = () => server.storage.botMessages as unknown as BotMessage[];
    await until("the subscription reply", () => botMessages().find((m) => m.message.text.startsWith("Đã đăng ký")));
    expect(await first.stop()).toBe(0);

    await copyFile(join(ROOT, "data/directives", NEW_DOC), join(dataDir, NEW_DOC));
    const second = await startBotProcess(env, "is polling");
    const alert = await until("the alert", () =>
      botMessages().find((m) => m.message.text.startsWith("🆕 Văn bản mới")),
    );
    expect(Number(alert.message.chat_id)).toBe(GROUP);
    expect(alert.message.text).toContain("209-CV/TU");
    expect(botMessages().filter((m) => m.message.text.startsWith("🆕"))).toHaveLength(1);
    expect(await second.stop()).toBe(0);
  }, 90_000);
});

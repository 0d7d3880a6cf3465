import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBotProcess, TelegramServer, type BotProcess, type Emulator } from "./bot-process.ts";

const TOKEN = "7654321:AAEwebhookTestTokenForTheEmulator98";
const SECRET = "webhook-secret-0123456789";

describe("webhook mode: the real process checks X-Telegram-Bot-Api-Secret-Token", () => {
  let server: Emulator;
  let app: BotProcess;
  let url: string;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    app = await startBotProcess(
      {
        BOT_TOKEN: TOKEN,
        BOT_MODE: "webhook",
        WEBHOOK_URL: url,
        WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: server.config.apiURL,
        HOST: "127.0.0.1",
        PORT: String(port),
      },
      "receives updates by webhook",
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  const update = {
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 900, type: "private", first_name: "Lan" },
      from: { id: 900, is_bot: false, first_name: "Lan" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
  const post = (headers: Record<string, string>) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(update),
    });

  it("refuses updates without the secret or with a wrong one, and handles the right one", async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong-secret-wrong-secret" })).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": SECRET })).status).toBe(200);
    expect(app.output()).not.toContain(SECRET);
    expect(app.output()).not.toContain(TOKEN);
  }, 30_000);
});

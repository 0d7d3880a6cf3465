import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBotProcess, TelegramServer, until, type BotProcess, type Emulator } from "./bot-process.ts";

const TOKEN = "1234567:AAEe2eTestTokenForTheEmulator0123456";

interface BotMessage {
  messageId: number;
  message: { text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } };
}

describe("end to end: the real process against the telegram-test-api emulator", () => {
  let server: Emulator;
  let app: BotProcess;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    app = await startBotProcess(
      { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, PORT: String(await freePort()) },
      "is polling",
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await server?.stop();
  });

  const botMessages = () => server.storage.botMessages as unknown as BotMessage[];
  const newBotMessage = (after: number, test: (m: BotMessage) => boolean) =>
    until("a bot message", () => botMessages().slice(after).find(test));

  it("greets on /start, answers a question with a cited seed document, and 'Thêm kết quả' edits the message", async () => {
    expect(app.output()).not.toContain(TOKEN);
    const client = server.getClient(TOKEN, { userId: 501, chatId: 501, type: "private", firstName: "Lan" });
    let seen = botMessages().length;
    await client.sendCommand(client.makeCommand("/start"));
    const greeting = await newBotMessage(seen, (m) => m.message.text.includes("Xin chào"));
    expect(greeting.message.text).toContain("Ai chịu trách nhiệm tiêm vắc xin?");

    seen = botMessages().length;
    await client.sendMessage(client.makeMessage("Ai chịu trách nhiệm tiêm vắc xin?"));
    const answer = await newBotMessage(seen, (m) => m.message.text.startsWith("1. "));
    expect(answer.message.text).toMatch(/http:\/\/bot\.test\/d\/2021-[^#"]+#/);
    expect(answer.message.text).toMatch(/Công văn|Chỉ thị|Thông báo/);
    const more = answer.message.reply_markup!.inline_keyboard!.flat().find((b) => b.text === "Thêm kết quả")!;
    expect(more).toBeDefined();

    await client.sendCallback(
      client.makeCallbackQuery(more.callback_data, { message: { message_id: answer.messageId } }),
    );
    await until("the answer to be edited", () => {
      const edited = botMessages().find((m) => m.messageId === answer.messageId);
      return edited && edited.message.text.startsWith("4. ") ? edited : undefined;
    });
  }, 60_000);

  it("stops cleanly on SIGTERM", async () => {
    expect(await app.stop()).toBe(0);
  }, 30_000);
});

/**
 * The delivery worker as its own process, for the crash test: opens the store at STATE_DIR and sends through
 * grammY's Api to API_ROOT until SIGTERM. Run with tsx.
 */
import { Api } from "grammy";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { createDeliveryWorker } from "../../src/alerts/delivery-worker.ts";
import { createLogger } from "../../src/log.ts";
import { openStore } from "../../src/store/open-store.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`worker-child: ${name} is required`);
  return value;
}

const store = openStore(required("STATE_DIR"));
const api = new Api(required("BOT_TOKEN"), { apiRoot: required("API_ROOT") });
const worker = createDeliveryWorker({
  queue: createDeliveryQueue(store.db, Date.now),
  send: async (chatId, text, replyMarkup) => {
    await api.sendMessage(chatId, text, { parse_mode: "HTML", ...(replyMarkup ? { reply_markup: replyMarkup } : {}) });
  },
  now: Date.now,
  log: createLogger("warn"),
  globalPerSecond: Number(process.env.GLOBAL_PER_SECOND ?? 25),
  perChatIntervalMs: Number(process.env.PER_CHAT_MS ?? 3000),
});

process.on("SIGTERM", () => {
  void worker.stop().then(() => {
    store.close();
    process.exit(0);
  });
});
worker.start();
process.stdout.write("started\n");

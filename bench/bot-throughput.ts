import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, UserFromGetMe } from "grammy/types";
import { engineFor } from "../src/engine.ts";
import { botStoreFrom } from "../src/bot/bot-store.ts";
import { createBot } from "../src/bot/create-bot.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { createLogger } from "../src/log.ts";
import { openStore } from "../src/store/open-store.ts";

const BOT = { id: 1, is_bot: true, first_name: "Bench", username: "BenchBot" } as UserFromGetMe;

/**
 * Answers per second through the bot's update handler: real engine, real SQLite query log, Telegram API stubbed
 * (every call returns ok at once). Questions are asked one after another on this thread.
 */
export async function botThroughput(
  corpus: Corpus,
  questions: readonly string[],
  seconds = 3,
): Promise<{ perSecond: number; answered: number }> {
  const engine = engineFor(corpus, "http://localhost");
  const dir = await mkdtemp(join(tmpdir(), "bench-bot-"));
  const store = openStore(dir);
  try {
    let messageId = 0;
    const bot = createBot(
      {
        engine: () => engine,
        store: botStoreFrom(store),
        publicBaseUrl: "http://localhost",
        log: createLogger("silent"),
        rateLimit: Number.MAX_SAFE_INTEGER,
      },
      {
        token: "1:bench-token-bench-token-bench-token",
        botInfo: BOT,
        transformers: [
          async (_prev, method, payload) =>
            ({
              ok: true,
              result:
                method === "sendMessage"
                  ? {
                      message_id: ++messageId,
                      date: 0,
                      chat: { id: 1, type: "private" },
                      text: (payload as { text: string }).text,
                    }
                  : true,
            }) as never,
        ],
      },
    );
    let n = 0;
    const update = (text: string): Update => ({
      update_id: n,
      message: {
        message_id: n,
        date: 0,
        chat: { id: 1 + (n % 50), type: "private", first_name: "A" },
        from: { id: 1 + (n % 50), is_bot: false, first_name: "A" },
        text,
      },
    });
    for (const q of questions) await bot.handleUpdate(update(q));
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      await bot.handleUpdate(update(questions[n % questions.length]!));
      n++;
    }
    return { perSecond: n / ((performance.now() - t0) / 1000), answered: n };
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

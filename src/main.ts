import { createServer, type Server } from "node:http";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import dotenv from "dotenv";
import { webhookCallback } from "grammy";
import { renderReport } from "./answer/render-text.ts";
import { createEngine } from "./app.ts";
import { createBot, registerCommands } from "./bot/create-bot.ts";
import { botStoreFrom } from "./bot/bot-store.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createLogger, type Logger } from "./log.ts";
import { openStore } from "./store/open-store.ts";
import { announceCorpus } from "./alerts/announce.ts";
import { createDeliveryQueue } from "./alerts/delivery-queue.ts";
import { createDeliveryWorker } from "./alerts/delivery-worker.ts";
import { renderAlert } from "./alerts/render-alert.ts";
import { createSubscriptions } from "./alerts/subscriptions.ts";
import { MESSAGES } from "./bot/i18n.ts";

/** Path of the webhook endpoint on this server (BOT_MODE=webhook). */
export const WEBHOOK_PATH = "/telegram/webhook";

/** Wiring only: config → corpus → index → store → channels; signals for a clean stop. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, [config.botToken ?? "", config.webhookSecret ?? ""]);
  const started = performance.now();
  const engine = await createEngine(config);
  for (const r of engine.corpus.reports) if (r.status !== "ok" || r.warnings.length) process.stderr.write(`${renderReport(r)}\n`);
  const { documents, passages } = engine.corpus;
  console.log(`corpus: ${documents.size} documents, ${passages.length} passages from ${config.dataDir} in ${Math.round(performance.now() - started)} ms`);

  const stops: (() => Promise<void> | void)[] = [];
  if (!config.botToken) {
    console.log("telegram: bot is off (no BOT_TOKEN); set BOT_TOKEN in .env to turn it on");
    console.log("web: no channel is configured yet (issue 7); try `npm run --silent ask -- \"câu hỏi\"`. Press Ctrl+C to stop.");
    const keepAlive = setInterval(() => {}, 1 << 30);
    stops.push(() => clearInterval(keepAlive));
  } else {
    stops.push(...(await startTelegram(config, engine, log)));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    // Reverse order: channels finish their in-flight answers before the store closes.
    for (const s of stops.reverse()) await s();
    process.exitCode = 0;
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

async function startTelegram(config: Config, engine: Awaited<ReturnType<typeof createEngine>>, log: Logger): Promise<(() => Promise<void> | void)[]> {
  const store = openStore(config.stateDir);
  const stops: (() => Promise<void> | void)[] = [() => store.close()];
  const subscriptions = createSubscriptions(store.db);
  const queue = createDeliveryQueue(store.db);
  const alerts = {
    subscriptions,
    recentCounts: () => queue.counts().slice(0, 10),
    cancelQueued: (chatId: number) => void queue.cancelQueued(chatId, "unsubscribed"),
    onChange: (e: { chatId: number; userId: number | null; action: string; filter: string }) => log.info("alerts: subscription changed", e),
  };
  const bot = createBot(
    { engine: () => engine, store: botStoreFrom(store), publicBaseUrl: config.publicBaseUrl, log, adminIds: config.adminIds, alerts },
    { token: config.botToken!, apiRoot: config.telegramApiRoot },
    // One chat's updates in order; different chats in parallel.
    sequentialize((ctx) => ctx.chat?.id.toString()),
  );
  try {
    await bot.init();
  } catch (err) {
    log.error("telegram: cannot reach the Bot API (check BOT_TOKEN and TELEGRAM_API_ROOT)", { apiRoot: config.telegramApiRoot, error: String(err) });
    process.exit(1);
  }
  void registerCommands(bot, log);

  // New or changed documents since the last run are announced to subscribed chats; the worker delivers them.
  const announced = announceCorpus(engine.corpus, {
    subscriptions,
    enqueue: (rows) => queue.enqueue(rows),
    render: (doc, kind) => renderAlert(doc, kind, MESSAGES.vi, config.publicBaseUrl, bot.botInfo.username),
    alertOnFirstLoad: config.alertsOnFirstLoad,
  });
  const { added, changed, removed } = announced.changes;
  log.info("alerts: corpus compared with the store", { firstLoad: announced.firstLoad, added: added.length, changed: changed.length, removed: removed.length, queued: announced.queued });
  const worker = createDeliveryWorker({
    queue,
    now: Date.now,
    log,
    send: async (chatId, text, replyMarkup) => {
      await bot.api.sendMessage(chatId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(replyMarkup ? { reply_markup: replyMarkup } : {}) });
    },
  });
  worker.start();
  stops.push(() => worker.stop());
  if (config.botMode === "webhook") {
    const handle = webhookCallback(bot, "http", { secretToken: config.webhookSecret! });
    const server: Server = createServer((req, res) => {
      if (req.method === "POST" && req.url === WEBHOOK_PATH) void handle(req, res);
      else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    await bot.api.setWebhook(config.webhookUrl!, { secret_token: config.webhookSecret!, allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] });
    log.info(`telegram: @${bot.botInfo.username} receives updates by webhook`, { url: config.webhookUrl, listen: `${config.host}:${config.port}${WEBHOOK_PATH}` });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  } else {
    await bot.api.deleteWebhook().catch((err) => log.warn("telegram: deleteWebhook failed", { error: String(err) }));
    const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } } });
    log.info(`telegram: @${bot.botInfo.username} is polling`, { apiRoot: config.telegramApiRoot });
    stops.push(async () => {
      if (runner.isRunning()) await runner.stop();
    });
  }
  return stops;
}

await main();

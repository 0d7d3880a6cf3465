import { reminderCard } from "../alerts/reminder-card.ts";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Reloader } from "../admin/types.ts";
import { classifySendFailure } from "../alerts/delivery-worker.ts";
import type { AlertChannelSetup } from "../alerts/start-alerts.ts";
import type { Config } from "../config.ts";
import type { Corpus } from "../corpus/types.ts";
import type { Engine } from "../engine.ts";
import { MESSAGES } from "../i18n/messages.ts";
import type { Logger } from "../log.ts";
import { createAuditLog } from "../store/audit-log.ts";
import { createDeliveryQueue } from "../store/delivery-queue.ts";
import { createGlossaryExtra } from "../store/glossary-extra.ts";
import type { Store } from "../store/open-store.ts";
import { createSubscriptions } from "../store/subscriptions.ts";
import { createUsageStats } from "../store/usage-stats.ts";
import type { ServerDeps } from "../web/create-server.ts";
import { createAlertSender } from "./alert-sender.ts";
import { botStoreFrom } from "./bot-store.ts";
import type { BotContext } from "./context.ts";
import { createBot, registerCommands } from "./create-bot.ts";
import type { AdminDeps } from "./features/admin.ts";
import type { AlertDeps } from "./features/subscribe.ts";
import { createBackgroundTasks, type BackgroundTasks } from "./long-work.ts";
import { renderAlert } from "./render-alert.ts";
import { renderReloadReport } from "./render-report.ts";
import { renderReminder } from "./render-reminder.ts";
import { telegramDownloader } from "./telegram-download.ts";
import { telegramWebhook } from "./webhook.ts";

/** Path of the webhook endpoint on this server (BOT_MODE=webhook). */
export const WEBHOOK_PATH = "/telegram/webhook";
export type Stop = () => Promise<void> | void;
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** The alert worker's API calls: no auto-retry (its own classification is the retry), and no 500 s wait. */
const ALERT_CALL_TIMEOUT_S = 20;
/** A shutdown waits this long for background work (a reload started by a webhook update) before it goes on. */
const BACKGROUND_GRACE_MS = 10_000;
const ALLOWED_UPDATES: ("message" | "callback_query" | "inline_query" | "my_chat_member")[] = [
  "message",
  "callback_query",
  "inline_query",
  "my_chat_member",
];

export interface Telegram {
  stops: Stop[];
  /** The Telegram sender and alert renderer for the shared delivery worker. */
  alerts: AlertChannelSetup;
  webhook: ServerDeps["webhook"];
  afterListen: (() => Promise<void>) | undefined;
}

export interface Reminders {
  remind(corpus: Corpus): number;
}

/** What the Telegram channel needs from the process: the engine in service, the state database, reloads. */
export interface TelegramWiring {
  engine: () => Engine;
  store: Store;
  reloader: Reloader;
  reminders: Reminders;
  log: Logger;
}

type TelegramBot = Bot<BotContext>;
type AuditLog = ReturnType<typeof createAuditLog>;

/** The Telegram channel (BOT_TOKEN set): the bot, reachable, with its alert sender and its webhook or poller. */
export async function startTelegram(config: Config, wiring: TelegramWiring): Promise<Telegram> {
  const { log } = wiring;
  // Webhook mode answers Telegram before long work (reload, upload) and finishes it here, bounded.
  const background: BackgroundTasks | undefined =
    config.botMode === "webhook" ? createBackgroundTasks({ log }) : undefined;
  const bot = telegramBot(config, wiring, background);
  try {
    await bot.init();
  } catch (err) {
    log.error("telegram: cannot reach the Bot API (check BOT_TOKEN and TELEGRAM_API_ROOT)", {
      apiRoot: config.telegramApiRoot,
      error: String(err),
    });
    process.exit(1);
  }
  void registerCommands(bot, log);
  const alerts = telegramAlerts(config, bot);
  const receive = background ? byWebhook(config, bot, background, log) : await byPolling(config, bot, log);
  return { alerts, ...receive };
}

function telegramBot(config: Config, wiring: TelegramWiring, background: BackgroundTasks | undefined): TelegramBot {
  const { engine, store, reloader, log } = wiring;
  const audit = createAuditLog(store.db);
  const bot = createBot(
    {
      engine,
      store: botStoreFrom(store),
      publicBaseUrl: config.publicBaseUrl,
      log,
      adminIds: config.adminIds,
      alerts: alertCommands(wiring, audit),
      admin: adminCommands(store, reloader, audit),
      upload: {
        dataDir: config.dataDir,
        // Bots may download files up to 20 MB from Telegram; the corpus limit can only be lower.
        maxBytes: Math.min(UPLOAD_MAX_BYTES, config.corpusMaxFileBytes),
        reloader,
        audit,
        download: (fileId) => download(fileId),
        renderReport: renderReloadReport,
      },
    },
    { token: config.botToken!, apiRoot: config.telegramApiRoot, ...(background ? { background } : {}) },
    // One chat's updates in order; different chats in parallel.
    sequentialize((ctx) => ctx.chat?.id.toString()),
  );
  const download = telegramDownloader(bot.api, config.botToken!, config.telegramApiRoot);
  return bot;
}

/** /subscribe and /unsubscribe: the subscriptions, the queue they cancel, the audit log, reminders at once. */
function alertCommands({ engine, store, reminders }: TelegramWiring, audit: AuditLog): AlertDeps {
  const queue = createDeliveryQueue(store.db);
  return {
    subscriptions: createSubscriptions(store.db),
    recentCounts: () => queue.counts().slice(0, 10),
    cancelQueued: (chatId, threadId) => void queue.cancelQueued(chatId, "unsubscribed", threadId),
    onChange: (e) => {
      audit.record({
        actorId: e.userId,
        action: e.action,
        target: `${e.chatId} ${e.filter}`.trim(),
        outcome: "ok",
      });
      // A new unit subscription gets its reminders now, not at the next reload.
      if (e.action === "subscribe") reminders.remind(engine().corpus);
    },
  };
}

/** The admin commands' sources: reloads, the audit log, usage, the glossary, the process's memory. */
function adminCommands(store: Store, reloader: Reloader, audit: AuditLog): AdminDeps {
  const usage = createUsageStats(store.db);
  const glossary = createGlossaryExtra(store.db);
  return {
    reloader,
    audit,
    usage: () => usage.usage(),
    unanswered: () => usage.unanswered(),
    addGlossary: (entry, by) => glossary.add(entry, by),
    process: () => {
      const m = process.memoryUsage();
      return { heapMB: m.heapUsed / 1048576, buffersMB: m.arrayBuffers / 1048576, uptimeS: process.uptime() };
    },
  };
}

/** New or changed documents since the store last saw the corpus are announced to subscribed chats (startAlerts). */
function telegramAlerts(config: Config, bot: TelegramBot): AlertChannelSetup {
  const send = createAlertSender({
    token: config.botToken!,
    apiRoot: config.telegramApiRoot,
    timeoutSeconds: ALERT_CALL_TIMEOUT_S,
  });
  return {
    channel: "telegram",
    sender: {
      send: (chatId, text, markup, options) => send(Number(chatId), text, markup, options),
      classify: classifySendFailure,
    },
    render: (doc, kind) => renderAlert(doc, kind, MESSAGES.vi, config.publicBaseUrl, bot.botInfo.username),
    renderReminder: (doc, passage, deadline, days) =>
      renderReminder(reminderCard(doc, passage, deadline, days, MESSAGES.vi, config.publicBaseUrl), MESSAGES.vi),
  };
}

type Receive = Omit<Telegram, "alerts">;

/** BOT_MODE=webhook: the route for the web server, set at Telegram once the server listens. */
function byWebhook(config: Config, bot: TelegramBot, background: BackgroundTasks, log: Logger): Receive {
  const handle = telegramWebhook(bot, config.webhookSecret!, log);
  const stop: Stop = async () => {
    const left = await background.settled(BACKGROUND_GRACE_MS);
    if (left) log.warn("telegram: stopping with background work still running", { tasks: left });
  };
  const afterListen = async () => {
    await bot.api.setWebhook(config.webhookUrl!, {
      secret_token: config.webhookSecret!,
      allowed_updates: ALLOWED_UPDATES,
    });
    log.info(`telegram: @${bot.botInfo.username} receives updates by webhook`, {
      url: config.webhookUrl,
      listen: `${config.host}:${config.port}${WEBHOOK_PATH}`,
    });
  };
  return { stops: [stop], webhook: { path: WEBHOOK_PATH, handle }, afterListen };
}

/** BOT_MODE=polling: no webhook left at Telegram; polling starts once the alerts are wired. */
async function byPolling(config: Config, bot: TelegramBot, log: Logger): Promise<Receive> {
  await bot.api.deleteWebhook().catch((err) => log.warn("telegram: deleteWebhook failed", { error: String(err) }));
  let runner: RunnerHandle | undefined;
  // Polling starts once the alerts are wired (main announces the corpus first), like the webhook after listen.
  const afterListen = async () => {
    runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
    log.info(`telegram: @${bot.botInfo.username} is polling`, { apiRoot: config.telegramApiRoot });
  };
  const stop: Stop = async () => {
    if (runner?.isRunning()) await runner.stop();
  };
  return { stops: [stop], webhook: undefined, afterListen };
}

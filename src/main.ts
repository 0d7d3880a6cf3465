import { serve } from "@hono/node-server";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import dotenv from "dotenv";
import { createAuditLog } from "./store/audit-log.ts";
import { createGlossaryExtra } from "./store/glossary-extra.ts";
import { createReloader } from "./admin/reloader.ts";
import { renderReloadReport } from "./bot/render-report.ts";
import { createUsageStats } from "./store/usage-stats.ts";
import type { Reloader } from "./admin/types.ts";
import { createDeliveryQueue } from "./store/delivery-queue.ts";
import { classifySendFailure } from "./alerts/delivery-worker.ts";
import { renderAlert } from "./bot/render-alert.ts";
import { startAlerts, type AlertChannelSetup } from "./alerts/start-alerts.ts";
import { renderReminder } from "./bot/render-reminder.ts";
import { createBodyMatcher } from "./corpus/match-body.ts";
import { createSubscriptions } from "./store/subscriptions.ts";
import { createEngineCaches } from "./engine-caches.ts";
import { engineFor, type Engine } from "./engine.ts";
import { createAlertSender } from "./bot/alert-sender.ts";
import { botStoreFrom } from "./bot/bot-store.ts";
import { createBot, registerCommands } from "./bot/create-bot.ts";
import { createBackgroundTasks, type BackgroundTasks } from "./bot/long-work.ts";
import { telegramWebhook } from "./bot/webhook.ts";
import { telegramDownloader } from "./bot/telegram-download.ts";
import { MESSAGES } from "./i18n/messages.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { loadCorpus } from "./corpus/load-corpus.ts";
import type { Corpus } from "./corpus/types.ts";
import { watchCorpus } from "./corpus/watch-corpus.ts";
import { createLogger, type Logger } from "./log.ts";
import { openStore, type Store } from "./store/open-store.ts";
import { createServer, type ServerDeps } from "./web/create-server.ts";
import { startZalo } from "./zalo/start-zalo.ts";

/** Path of the webhook endpoint on this server (BOT_MODE=webhook). */
export const WEBHOOK_PATH = "/telegram/webhook";
type Stop = () => Promise<void> | void;
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const VERSION = "0.1.0";
/** The alert worker's API calls: no auto-retry (its own classification is the retry), and no 500 s wait. */
const ALERT_CALL_TIMEOUT_S = 20;
/** A shutdown waits this long for background work (a reload started by a webhook update) before it goes on. */
const BACKGROUND_GRACE_MS = 10_000;

/** Wiring only: config → corpus → index → store → channels; reloads; signals for a clean stop. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      // The raw values are secrets too when they are the ones that failed validation.
      createLogger("info", [
        process.env.BOT_TOKEN ?? "",
        process.env.WEBHOOK_SECRET ?? "",
        process.env.ZALO_BOT_TOKEN ?? "",
        process.env.ZALO_WEBHOOK_SECRET ?? "",
      ]).error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, [
    config.botToken ?? "",
    config.webhookSecret ?? "",
    config.zaloBotToken ?? "",
    config.zaloWebhookSecret ?? "",
  ]);
  const started = performance.now();
  const caches = createEngineCaches(config.stateDir, log);
  const load = () => loadCorpus(config.dataDir, { maxFileBytes: config.corpusMaxFileBytes, cache: caches.parse });
  // The store (for the admins' glossary) first, so that the index cache is read while the corpus loads.
  const store = config.botToken || config.zaloBotToken ? openStore(config.stateDir) : null;
  const glossary = store ? createGlossaryExtra(store.db) : null;
  const warming = caches.warm({ extraGlossary: glossary?.all() ?? [] });
  // Its failure (a broken glossary file) is thrown where it is awaited, after the load, as before.
  warming.catch(() => undefined);
  const first = await load();
  for (const r of first.reports) {
    if (r.status === "error") log.error("corpus: file skipped", { file: r.file, error: r.error, warnings: r.warnings });
    else if (r.warnings.length)
      log.warn(`corpus: ${r.status === "ok" ? "file read with warnings" : "file skipped"}`, {
        file: r.file,
        warnings: r.warnings,
      });
  }
  await warming;
  const build = (corpus: Corpus) => {
    const built = engineFor(corpus, config.publicBaseUrl, {
      extraGlossary: glossary?.all() ?? [],
      previous: caches.previous(),
    });
    caches.built(built);
    return built;
  };
  // The one engine in service; a reload replaces it in one assignment, questions in flight keep the old one.
  let engine: Engine = build(first);
  log.info(
    `corpus: ${first.documents.size} documents, ${first.passages.length} passages from ${config.dataDir} in ${Math.round(performance.now() - started)} ms`,
  );

  const stops: Stop[] = [];
  let announce: ((corpus: Corpus) => number) | undefined;
  // Set once the delivery worker runs (after the channels): a new unit subscription gets its reminders at once.
  const reminders: Reminders = { remind: () => 0 };
  const reloader: Reloader = createReloader({
    load,
    current: () => engine.corpus,
    swap: (corpus) => {
      engine = build(corpus);
    },
    announce: (corpus) => announce?.(corpus) ?? 0,
    log,
  });

  let webhook: ServerDeps["webhook"];
  let afterListen: (() => Promise<void>) | undefined;
  const alertChannels: AlertChannelSetup[] = [];
  if (!config.botToken || !store) {
    log.info("telegram: bot is off (no BOT_TOKEN); set BOT_TOKEN in .env to turn it on");
  } else {
    const telegram = await startTelegram(config, () => engine, store, reloader, reminders, log);
    alertChannels.push(telegram.alerts);
    webhook = telegram.webhook;
    afterListen = telegram.afterListen;
    stops.push(...telegram.stops);
  }
  // Zalo (issue 16): its wiring lives in src/zalo/; null when ZALO_BOT_TOKEN is not set.
  const zalo = store ? await startZalo(config, { engine: () => engine, store, reloader, log }) : null;
  if (!store) log.info('zalo: off (no ZALO_BOT_TOKEN); set ZALO_BOT_TOKEN in .env to turn it on (README, "Zalo")');
  if (zalo) alertChannels.push(zalo.alerts);
  if (store) {
    // One delivery worker for the state database, whatever channels are on; announce runs on every reload too.
    const alerts = startAlerts({
      queue: createDeliveryQueue(store.db),
      subscriptions: createSubscriptions(store.db),
      channels: alertChannels,
      alertOnFirstLoad: config.alertsOnFirstLoad,
      matcher: createBodyMatcher(engine.lexicon.abbreviations),
      corpus: () => engine.corpus,
      log,
    });
    announce = alerts.announce;
    reminders.remind = alerts.remind;
    announce(engine.corpus);
    alerts.start();
    stops.push(() => alerts.stop());
    stops.push(startPurge(config, store, log));
  }

  // The web server always runs: the document viewer every citation links to, the search page, the JSON API.
  const app = createServer({
    engine: () => engine,
    publicBaseUrl: config.publicBaseUrl,
    version: VERSION,
    ...(webhook ? { webhook } : {}),
    mount: zalo?.mount ?? [],
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", (err) =>
      reject(new Error(`web: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`)),
    );
  });
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : config.port;
  log.info(`web: http://${config.host}:${port}/ (search page, document viewer, /api/ask). Press Ctrl+C to stop.`);
  stops.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await afterListen?.();

  // Reload three ways: /reload (admins), a change in DATA_DIR, SIGHUP.
  const watcher = watchCorpus(config.dataDir, (files) => {
    log.info("reload: files changed", { files: files.slice(0, 10).join(", ") });
    void reloader.reload("watch", null);
  });
  stops.push(() => watcher.close());
  process.on("SIGHUP", () => void reloader.reload("signal", null));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    // Reverse order: channels finish their in-flight answers, and a running reload its alerts, before the store closes.
    for (const s of stops.reverse()) await s();
    await reloader.settled();
    store?.close();
    process.exitCode = 0;
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  // Last, so that "zalo: … is polling" means the process is ready, signals included.
  if (zalo) {
    stops.push(() => zalo.stop());
    await zalo.start();
  }
}

/** Retention: what users asked is kept QUERY_LOG_RETENTION_DAYS days, then deleted (daily, and at start). */
function startPurge(config: Config, store: Store, log: Logger): Stop {
  const purge = () => {
    try {
      const n = store.queryLog.purgeOlderThan(config.queryLogRetentionDays);
      if (n) log.info("store: purged old questions", { deleted: n, retentionDays: config.queryLogRetentionDays });
    } catch (err) {
      log.error("store: purge failed", { error: String(err) });
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 24 * 3600_000);
  purgeTimer.unref();
  return () => clearInterval(purgeTimer);
}

interface Telegram {
  stops: Stop[];
  /** The Telegram sender and alert renderer for the shared delivery worker. */
  alerts: AlertChannelSetup;
  webhook: ServerDeps["webhook"];
  afterListen: (() => Promise<void>) | undefined;
}

interface Reminders {
  remind(corpus: Corpus): number;
}

async function startTelegram(
  config: Config,
  engine: () => Engine,
  store: Store,
  reloader: Reloader,
  reminders: Reminders,
  log: Logger,
): Promise<Telegram> {
  const stops: Stop[] = [];
  const subscriptions = createSubscriptions(store.db);
  const queue = createDeliveryQueue(store.db);
  const audit = createAuditLog(store.db);
  const usage = createUsageStats(store.db);
  const glossary = createGlossaryExtra(store.db);
  // Webhook mode answers Telegram before long work (reload, upload) and finishes it here, bounded.
  const background: BackgroundTasks | undefined =
    config.botMode === "webhook" ? createBackgroundTasks({ log }) : undefined;
  const bot = createBot(
    {
      engine,
      store: botStoreFrom(store),
      publicBaseUrl: config.publicBaseUrl,
      log,
      adminIds: config.adminIds,
      alerts: {
        subscriptions,
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
      },
      admin: {
        reloader,
        audit,
        usage: () => usage.usage(),
        unanswered: () => usage.unanswered(),
        addGlossary: (entry, by) => glossary.add(entry, by),
        process: () => {
          const m = process.memoryUsage();
          return { heapMB: m.heapUsed / 1048576, buffersMB: m.arrayBuffers / 1048576, uptimeS: process.uptime() };
        },
      },
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

  // New or changed documents since the store last saw the corpus are announced to subscribed chats (startAlerts).
  const send = createAlertSender({
    token: config.botToken!,
    apiRoot: config.telegramApiRoot,
    timeoutSeconds: ALERT_CALL_TIMEOUT_S,
  });
  const alerts: AlertChannelSetup = {
    channel: "telegram",
    sender: {
      send: (chatId, text, markup, options) => send(Number(chatId), text, markup, options),
      classify: classifySendFailure,
    },
    render: (doc, kind) => renderAlert(doc, kind, MESSAGES.vi, config.publicBaseUrl, bot.botInfo.username),
    renderReminder: (doc, passage, deadline, days) =>
      renderReminder(doc, passage, deadline, days, MESSAGES.vi, config.publicBaseUrl),
  };

  let webhook: ServerDeps["webhook"];
  let afterListen: (() => Promise<void>) | undefined;
  if (config.botMode === "webhook") {
    const handle = telegramWebhook(bot, config.webhookSecret!, log);
    webhook = { path: WEBHOOK_PATH, handle };
    stops.push(async () => {
      const left = await background!.settled(BACKGROUND_GRACE_MS);
      if (left) log.warn("telegram: stopping with background work still running", { tasks: left });
    });
    afterListen = async () => {
      await bot.api.setWebhook(config.webhookUrl!, {
        secret_token: config.webhookSecret!,
        allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"],
      });
      log.info(`telegram: @${bot.botInfo.username} receives updates by webhook`, {
        url: config.webhookUrl,
        listen: `${config.host}:${config.port}${WEBHOOK_PATH}`,
      });
    };
  } else {
    await bot.api.deleteWebhook().catch((err) => log.warn("telegram: deleteWebhook failed", { error: String(err) }));
    let runner: RunnerHandle | undefined;
    // Polling starts once the alerts are wired (main announces the corpus first), like the webhook after listen.
    afterListen = async () => {
      runner = run(bot, {
        runner: { fetch: { allowed_updates: ["message", "callback_query", "inline_query", "my_chat_member"] } },
      });
      log.info(`telegram: @${bot.botInfo.username} is polling`, { apiRoot: config.telegramApiRoot });
    };
    stops.push(async () => {
      if (runner?.isRunning()) await runner.stop();
    });
  }
  return { stops, alerts, webhook, afterListen };
}

await main();

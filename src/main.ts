import { serve } from "@hono/node-server";
import dotenv from "dotenv";
import { logReports } from "./admin/log-reports.ts";
import { createReloader } from "./admin/reloader.ts";
import type { Reloader } from "./admin/types.ts";
import type { AlertChannelSetup } from "./alerts/start-alerts.ts";
import type { Reminders, Stop, startTelegram } from "./bot/start-telegram.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { loadCorpus } from "./corpus/load-corpus.ts";
import { createBodyMatcher } from "./corpus/match-body.ts";
import type { Corpus } from "./corpus/types.ts";
import { watchCorpus } from "./corpus/watch-corpus.ts";
import { createEngineCaches } from "./engine-caches.ts";
import { engineFor, type Engine } from "./engine.ts";
import { createLogger, type Logger } from "./log.ts";
import { createDeliveryQueue } from "./store/delivery-queue.ts";
import { createGlossaryExtra } from "./store/glossary-extra.ts";
import { openStore, type Store } from "./store/open-store.ts";
import { createSubscriptions } from "./store/subscriptions.ts";
import { createServer } from "./web/create-server.ts";
import { startZalo } from "./zalo/start-zalo.ts";

const VERSION = "0.1.0";

/** Wiring only: config → corpus → index → store → channels; reloads; signals for a clean stop. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = configOrExit();
  const log = createLogger(config.logLevel, [
    config.botToken ?? "",
    config.webhookSecret ?? "",
    config.zaloBotToken ?? "",
    config.zaloWebhookSecret ?? "",
  ]);
  const started = performance.now();
  const { first, load, build, store } = await prepareEngine(config, log);
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

  const channels = await startChannels(config, { engine: () => engine, store, reloader, reminders, log });
  stops.push(...(channels.telegram?.stops ?? []));
  if (store) {
    const delivery = await startDelivery(config, store, {
      channels: channels.alerts,
      engine: () => engine,
      reminders,
      log,
    });
    announce = delivery.announce;
    stops.push(...delivery.stops);
  }

  // The web server always runs: the document viewer every citation links to, the search page, the JSON API.
  const webhook = channels.telegram?.webhook;
  const app = createServer({
    engine: () => engine,
    publicBaseUrl: config.publicBaseUrl,
    version: VERSION,
    ...(webhook ? { webhook } : {}),
    mount: channels.zalo?.mount ?? [],
  });
  stops.unshift(await listen(app, config, log));
  await channels.telegram?.afterListen?.();
  stops.push(watchForReloads(config, reloader, log));
  stopOnSignals({ stops, reloader, store, log });
  // Last, so that "zalo: … is polling" means the process is ready, signals included.
  const zalo = channels.zalo;
  if (zalo) {
    stops.push(() => zalo.stop());
    await zalo.start();
  }
}

/** The config, or exit 1 with the reason logged. */
function configOrExit(): Config {
  try {
    return loadConfig(process.env);
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
}

/**
 * The corpus read once (skipped files logged), the state database when a channel needs one, and how to read the
 * corpus again and index it with the caches (parse cache, index cache, the glossary added by admins).
 */
async function prepareEngine(config: Config, log: Logger) {
  const caches = createEngineCaches(config.stateDir, log);
  const load = () => loadCorpus(config.dataDir, { maxFileBytes: config.corpusMaxFileBytes, cache: caches.parse });
  // The store (for the admins' glossary) first, so that the index cache is read while the corpus loads.
  const store = config.botToken || config.zaloBotToken ? openStore(config.stateDir) : null;
  const glossary = store ? createGlossaryExtra(store.db) : null;
  const warming = caches.warm({ extraGlossary: glossary?.all() ?? [] });
  // Its failure (a broken glossary file) is thrown where it is awaited, after the load, as before.
  warming.catch(() => undefined);
  const first = await load();
  logReports(first.reports, log);
  await warming;
  const build = (corpus: Corpus) => {
    const built = engineFor(corpus, config.publicBaseUrl, {
      extraGlossary: glossary?.all() ?? [],
      previous: caches.previous(),
    });
    caches.built(built);
    return built;
  };
  return { first, load, build, store };
}

interface ChannelWiring {
  engine: () => Engine;
  store: Store | null;
  reloader: Reloader;
  reminders: Reminders;
  log: Logger;
}

interface Channels {
  telegram: Awaited<ReturnType<typeof startTelegram>> | null;
  zalo: Awaited<ReturnType<typeof startZalo>>;
  /** Every channel's sender and renderers, for the one delivery worker. */
  alerts: AlertChannelSetup[];
}

/** Telegram and Zalo, each on when its token is set (both need the state database). */
async function startChannels(config: Config, wiring: ChannelWiring): Promise<Channels> {
  const { store, log } = wiring;
  const alerts: AlertChannelSetup[] = [];
  let telegram: Channels["telegram"] = null;
  if (!config.botToken || !store) {
    log.info("telegram: bot is off (no BOT_TOKEN); set BOT_TOKEN in .env to turn it on");
  } else {
    // Loaded only when the bot is on: grammY and the bot's modules are a tenth of a web-only start.
    const { startTelegram } = await import("./bot/start-telegram.ts");
    telegram = await startTelegram(config, { ...wiring, store });
    alerts.push(telegram.alerts);
  }
  // Zalo (issue 16): its wiring lives in src/zalo/; null when ZALO_BOT_TOKEN is not set.
  const zalo = store ? await startZalo(config, { engine: wiring.engine, store, reloader: wiring.reloader, log }) : null;
  if (!store) log.info('zalo: off (no ZALO_BOT_TOKEN); set ZALO_BOT_TOKEN in .env to turn it on (README, "Zalo")');
  if (zalo) alerts.push(zalo.alerts);
  return { telegram, zalo, alerts };
}

/**
 * One delivery worker for the state database, whatever channels are on: it announces the corpus now and returns
 * the announce that runs on every reload; the reminders are the worker's from here on.
 */
async function startDelivery(
  config: Config,
  store: Store,
  p: { channels: AlertChannelSetup[]; engine: () => Engine; reminders: Reminders; log: Logger },
): Promise<{ announce: (corpus: Corpus) => number; stops: Stop[] }> {
  const { startAlerts } = await import("./alerts/start-alerts.ts");
  const engine = p.engine();
  const alerts = startAlerts({
    queue: createDeliveryQueue(store.db),
    subscriptions: createSubscriptions(store.db),
    channels: p.channels,
    alertOnFirstLoad: config.alertsOnFirstLoad,
    matcher: createBodyMatcher(engine.lexicon.abbreviations),
    corpus: () => p.engine().corpus,
    log: p.log,
  });
  p.reminders.remind = alerts.remind;
  alerts.announce(engine.corpus);
  alerts.start();
  return { announce: alerts.announce, stops: [() => alerts.stop(), startPurge(config, store, p.log)] };
}

/** Serves `app` on HOST:PORT once it listens (PORT=0 picks a free port); returns how to close it. */
async function listen(app: ReturnType<typeof createServer>, config: Config, log: Logger): Promise<Stop> {
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
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Reload three ways: /reload (admins), a change in DATA_DIR (watched here), SIGHUP. Returns the watcher's stop. */
function watchForReloads(config: Config, reloader: Reloader, log: Logger): Stop {
  const watcher = watchCorpus(config.dataDir, (files) => {
    log.info("reload: files changed", { files: files.slice(0, 10).join(", ") });
    void reloader.reload("watch", null);
  });
  process.on("SIGHUP", () => void reloader.reload("signal", null));
  return () => watcher.close();
}

/** SIGINT and SIGTERM stop once, in reverse order of `stops`, then wait for a running reload and close the store. */
function stopOnSignals(p: { stops: Stop[]; reloader: Reloader; store: Store | null; log: Logger }): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    p.log.info(`${signal}: stopping`);
    // Reverse order: channels finish their in-flight answers, and a running reload its alerts, before the store closes.
    for (const s of p.stops.reverse()) await s();
    await p.reloader.settled();
    p.store?.close();
    process.exitCode = 0;
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
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

await main();

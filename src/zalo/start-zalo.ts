import { reminderCard } from "../alerts/reminder-card.ts";
import type { Hono } from "hono";
import { createAuditLog } from "../store/audit-log.ts";
import { createUsageStats } from "../store/usage-stats.ts";
import type { Reloader } from "../admin/types.ts";
import { createDeliveryQueue } from "../store/delivery-queue.ts";
import type { AlertChannelSetup } from "../alerts/start-alerts.ts";
import { createSubscriptions } from "../store/subscriptions.ts";
import type { Engine } from "../engine.ts";
import { MESSAGES } from "../i18n/messages.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { createChatFollowUps } from "../store/chat-followups.ts";
import type { Store } from "../store/open-store.ts";
import { zaloAlertSender } from "./alert-sender.ts";
import { createZaloClient, type ZaloClient } from "./client.ts";
import { handleUpdate } from "./handle-update.ts";
import { renderZaloAlert, renderZaloReminder } from "./render-zalo.ts";
import type { ZaloBotInfo } from "./types.ts";
import { createDispatcher, startPolling, webhookHandler, type Poller } from "./updates.ts";

/** Path of the Zalo webhook on this server (ZALO_MODE=webhook); ZALO_WEBHOOK_URL must reach it. */
export const ZALO_WEBHOOK_PATH = "/zalo/webhook";

export interface ZaloChannel {
  /** Routes for the web server (the webhook in webhook mode). */
  mount: ((app: Hono) => void)[];
  /** The Zalo sender and alert renderer for the shared delivery worker. */
  alerts: AlertChannelSetup;
  /** After the web server listens: registers the webhook, or starts polling. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ZaloStartDeps {
  engine(): Engine;
  store: Store;
  reloader: Reloader;
  log: Logger;
  /** Tests pass a client with a stubbed fetch; by default one is made from the config. */
  client?: ZaloClient;
}

/** The names a group member may mention the bot by. */
export function botNamesOf(me: ZaloBotInfo): string[] {
  return [...new Set([me.display_name, me.account_name, me.name].filter((n): n is string => Boolean(n?.trim())))];
}

/**
 * The Zalo channel, wired from the config: null (and one log line saying how to turn it on) without ZALO_BOT_TOKEN.
 * Checks the token with getMe first; an unreachable API stops the start, as for Telegram.
 */
export async function startZalo(config: Config, deps: ZaloStartDeps): Promise<ZaloChannel | null> {
  const { log } = deps;
  if (!config.zaloBotToken) {
    log.info(
      'zalo: off (no ZALO_BOT_TOKEN); create a bot in Zalo Bot Manager and set ZALO_BOT_TOKEN in .env to turn it on (README, "Zalo")',
    );
    return null;
  }
  const client = deps.client ?? createZaloClient({ token: config.zaloBotToken, apiRoot: config.zaloApiRoot });
  const me = await botInfoOrExit(client, config, log);
  const names = botNamesOf(me);
  const handlerDeps = updateHandlerDeps(config, deps, client, names);
  const dispatcher = createDispatcher((u) => handleUpdate(handlerDeps, u), log);
  const mount: ZaloChannel["mount"] = [];
  if (config.zaloMode === "webhook") {
    const handle = webhookHandler(config.zaloWebhookSecret!, (u) => dispatcher.dispatch(u), log);
    mount.push((app) => app.post(ZALO_WEBHOOK_PATH, handle));
  }
  let poller: Poller | undefined;
  return {
    mount,
    alerts: zaloAlerts(config, client),
    async start() {
      if (config.zaloMode === "webhook") {
        await client.setWebhook(config.zaloWebhookUrl!, config.zaloWebhookSecret!);
        log.info(`zalo: ${names[0] ?? me.id} receives updates by webhook`, {
          url: config.zaloWebhookUrl,
          listen: ZALO_WEBHOOK_PATH,
        });
        return;
      }
      // getUpdates and a webhook exclude each other on the Bot API: drop a webhook left from an earlier setup.
      await client.deleteWebhook().catch((err) => log.warn("zalo: deleteWebhook failed", { error: String(err) }));
      poller = startPolling(client, (u) => dispatcher.dispatch(u), log);
      log.info(`zalo: ${names[0] ?? me.id} is polling`, { apiRoot: config.zaloApiRoot });
    },
    async stop() {
      await poller?.stop();
      await dispatcher.settled();
    },
  };
}

/** The bot's own account (getMe), or exit 1: a wrong token or an unreachable API stops the start. */
async function botInfoOrExit(client: ZaloClient, config: Config, log: Logger): Promise<ZaloBotInfo> {
  try {
    return await client.getMe();
  } catch (err) {
    log.error("zalo: cannot reach the Bot API (check ZALO_BOT_TOKEN and ZALO_API_ROOT)", {
      apiRoot: config.zaloApiRoot,
      error: String(err),
    });
    process.exit(1);
  }
}

/** What handleUpdate works with: the engine, the state database's tables, the admins, the bot's names. */
function updateHandlerDeps(config: Config, deps: ZaloStartDeps, client: ZaloClient, names: string[]) {
  const { store, log } = deps;
  const queue = createDeliveryQueue(store.db);
  const usage = createUsageStats(store.db);
  return {
    engine: deps.engine,
    client,
    queryLog: store.queryLog,
    followUps: createChatFollowUps(store.db),
    subscriptions: createSubscriptions(store.db),
    cancelQueued: (chatKey: string) => void queue.cancelQueued(chatKey, "unsubscribed"),
    audit: createAuditLog(store.db),
    adminIds: config.zaloAdminIds,
    admin: { reloader: deps.reloader, usage: () => usage.usage(), unanswered: () => usage.unanswered() },
    botNames: () => names,
    log,
  };
}

/** The Zalo sender and renderers for the shared delivery worker. */
function zaloAlerts(config: Config, client: ZaloClient): AlertChannelSetup {
  return {
    channel: "zalo",
    sender: zaloAlertSender(client),
    render: (doc, kind) => renderZaloAlert(doc, kind, MESSAGES.vi, config.publicBaseUrl),
    renderReminder: (doc, passage, deadline, days) =>
      renderZaloReminder(reminderCard(doc, passage, deadline, days, MESSAGES.vi, config.publicBaseUrl)),
  };
}

import { webhookCallback, type Bot } from "grammy";
import type { Context as HonoContext } from "hono";
import type { Logger } from "../log.ts";
import type { BotContext } from "./context.ts";

/** Telegram gives a webhook about this long; slower updates are answered and finish in the background. */
export const WEBHOOK_ANSWER_MS = 8_000;

/**
 * The webhook handler (Hono). An update the features handled is answered 200 even when it failed (the error
 * boundary logged it and apologised): a 500 would only make Telegram send the same update again. Requests without
 * the secret header get 401.
 */
export function telegramWebhook(
  bot: Bot<BotContext>,
  secretToken: string,
  log: Logger,
  answerMs = WEBHOOK_ANSWER_MS,
): (c: HonoContext) => Promise<Response> {
  return webhookCallback(bot, "hono", {
    secretToken,
    timeoutMilliseconds: answerMs,
    onTimeout: () =>
      log.warn("telegram: update still running; answered the webhook, it finishes in the background", {
        afterMs: answerMs,
      }),
  });
}

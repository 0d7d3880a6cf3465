import { Api } from "grammy";
import type { SendAlert } from "../alerts/delivery-worker.ts";
import { HTML } from "./render-telegram.ts";

export interface AlertSenderOptions {
  token: string;
  /** Bot API root, no trailing slash. */
  apiRoot?: string;
  /** One call at most this long (grammY's default is 500 s). */
  timeoutSeconds: number;
}

/**
 * The alert worker's own Bot API client, apart from the bot's: no auto-retry, so a 429, a 5xx, a dropped connection
 * or a 403 reaches the worker's classification as it happened, and stop() can abort the call in flight.
 */
export function createAlertSender(options: AlertSenderOptions): SendAlert {
  const api = new Api(options.token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    timeoutSeconds: options.timeoutSeconds,
  });
  return async (chatId, text, replyMarkup, { threadId, signal }) => {
    await api.sendMessage(
      chatId,
      text,
      {
        ...HTML,
        // Only a real topic: General is addressed without a thread id (Telegram refuses message_thread_id 1).
        ...(threadId ? { message_thread_id: threadId } : {}),
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      },
      signal as unknown as Parameters<Api["sendMessage"]>[3],
    );
  };
}

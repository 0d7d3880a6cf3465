/**
 * The Zalo Bot Platform's Bot API as far as this bot uses it (https://bot.zaloplatforms.com/docs, older host
 * bot.zapps.me/docs). Every method is `POST {apiRoot}/bot{TOKEN}/{method}` with a JSON body; the answer is
 * `{ok: true, result}` or `{ok: false, error_code, description}`. Ids are strings.
 */

/** `getMe`. Only `id` is certain; the name fields are what a group mention of the bot can be matched against. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  display_name?: string;
  name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloMessage {
  message_id: string;
  from: { id: string; display_name?: string; name?: string; is_bot?: boolean };
  chat: { id: string; chat_type: "PRIVATE" | "GROUP" };
  /** Epoch ms. */
  date?: number;
  text?: string;
}

/** One update: `getUpdates` returns one per call, a webhook request carries one (sometimes wrapped in {ok, result}). */
export interface ZaloUpdate {
  event_name:
    | "message.text.received"
    | "message.image.received"
    | "message.sticker.received"
    | "message.unsupported.received"
    | string;
  message?: ZaloMessage;
}

export interface ZaloResponse<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

/** Zalo's own limit for one text message (characters). */
export const ZALO_TEXT_LIMIT = 2000;
/** Code `getUpdates` answers with when its long poll ended without an update: not an error. */
export const POLL_TIMEOUT_CODE = 408;

import type { AlertChannel, ChatId } from "../store/subscriptions.ts";

const WINDOW_MS = 1000;

/** The delivery worker's rate limits: sends per second over all chats, one send per chat per interval, and 429 pauses. */
export interface SendPacing {
  /** The channels free to send at `t`, and when the first paused one reopens. */
  openChannels(t: number): { open: AlertChannel[]; reopensAt: number };
  /** Nothing is sent on `channel` before `at` (epoch ms); a later pause wins over an earlier one. */
  pause(channel: AlertChannel, at: number): void;
  /** `t` if a global slot is free, else when the oldest send leaves the one-second window. */
  globalSlotAt(t: number): number;
  forgetCooledChats(t: number): void;
  /** Chats still in their cool-down (kept only while within the interval). */
  coolingChats(): ChatId[];
  lastSendAt(chatId: ChatId): number | undefined;
  /** A send to `chatId` starts at `t`. */
  record(chatId: ChatId, t: number): void;
}

export function createSendPacing(
  channels: ReadonlyMap<AlertChannel, unknown>,
  globalPerSecond: number,
  perChatIntervalMs: number,
): SendPacing {
  /** Start times of the sends in the last second, oldest first. */
  const recentSends: number[] = [];
  /** Chat id → start time of its last send, only while within perChatIntervalMs. */
  const lastSendTo = new Map<ChatId, number>();
  /** A 429 is per bot, not per chat: nothing is sent on that channel before this (epoch ms). */
  const pausedUntil = new Map<AlertChannel, number>();
  return {
    openChannels(t) {
      const open: AlertChannel[] = [];
      let reopensAt = Infinity;
      for (const channel of channels.keys()) {
        const until = pausedUntil.get(channel) ?? 0;
        if (until <= t) open.push(channel);
        else reopensAt = Math.min(reopensAt, until);
      }
      return { open, reopensAt };
    },
    pause: (channel, at) => pausedUntil.set(channel, Math.max(pausedUntil.get(channel) ?? 0, at)),
    globalSlotAt(t) {
      while (recentSends.length > 0 && (recentSends[0] ?? 0) <= t - WINDOW_MS) recentSends.shift();
      return recentSends.length < globalPerSecond ? t : (recentSends[0] ?? t) + WINDOW_MS;
    },
    forgetCooledChats(t) {
      for (const [chatId, at] of lastSendTo) if (t - at >= perChatIntervalMs) lastSendTo.delete(chatId);
    },
    coolingChats: () => [...lastSendTo.keys()],
    lastSendAt: (chatId) => lastSendTo.get(chatId),
    record(chatId, t) {
      recentSends.push(t);
      lastSendTo.set(chatId, t);
    },
  };
}

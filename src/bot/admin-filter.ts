import type { Context } from "grammy";

/** A grammY filter predicate: usable with `composer.filter` or called inside a handler. */
export type AdminFilter = (ctx: Context) => boolean;

/**
 * The one admin check: the sender is one of the bot's admins (ADMIN_IDS). Built once by createBot and given to
 * every feature that guards something; it is evaluated on every call, nothing is remembered.
 */
export function adminFilter(adminIds: readonly number[]): AdminFilter {
  const ids = new Set(adminIds);
  return (ctx) => ctx.from !== undefined && ids.has(ctx.from.id);
}

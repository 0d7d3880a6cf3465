/**
 * Zalo ids are strings, sometimes all digits. In the shared SQLite tables (chat_id/user_id columns of integer
 * affinity, beside Telegram's integer ids) they are stored as "zalo:<id>": never numeric-looking, so SQLite keeps
 * them as TEXT, intact and distinct from any Telegram id.
 */
export const ZALO_PREFIX = "zalo:";

export const zaloKey = (id: string): string => `${ZALO_PREFIX}${id}`;

/** The Zalo id inside a stored key; throws for a key of another channel (a bug, not user input). */
export function zaloIdOf(key: number | string): string {
  if (typeof key !== "string" || !key.startsWith(ZALO_PREFIX))
    throw new TypeError(`zalo: ${JSON.stringify(key)} is not a Zalo chat key`);
  return key.slice(ZALO_PREFIX.length);
}

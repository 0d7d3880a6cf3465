import { createHash } from "node:crypto";

/** A 12-character stable key for a passage or document id: fits button payloads and deep links, survives restarts. */
export function shortKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 12);
}

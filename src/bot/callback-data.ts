/**
 * Button payloads carry ids only (Telegram allows 64 bytes): a query-log id, or a short stable key of a passage
 * or document. Keys are hashes of the ids, so they survive a restart, and a reload as long as the passage exists.
 */
export type CallbackAction =
  | { kind: "more"; queryId: number; offset: number }
  | { kind: "section"; key: string }
  | { kind: "document"; key: string }
  | { kind: "text"; key: string }
  | { kind: "feedback"; queryId: number; value: 1 | -1 }
  | { kind: "list"; page: number }
  | { kind: "upload"; id: string; action: UploadAction };

/** What an admin may do with a previewed upload. */
export type UploadAction = "add" | "replace" | "cancel";

export function encodeCallback(a: CallbackAction): string {
  switch (a.kind) {
    case "more":
      return `m|${a.queryId}|${a.offset}`;
    case "section":
      return `s|${a.key}`;
    case "document":
      return `d|${a.key}`;
    case "text":
      return `t|${a.key}`;
    case "feedback":
      return `f|${a.queryId}|${a.value > 0 ? "+" : "-"}`;
    case "list":
      return `l|${a.page}`;
    case "upload":
      return `u|${a.id}|${a.action}`;
  }
}

const KEY = /^[A-Za-z0-9_-]{12}$/;
const INT = /^\d{1,12}$/;
/** A pending upload's id: 6 random bytes in base64url. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{8}$/;
const UPLOAD_ACTIONS: readonly string[] = ["add", "replace", "cancel"] satisfies UploadAction[];

/** Parses button data; anything forged or malformed is null. */
export function decodeCallback(data: string): CallbackAction | null {
  if (data.length > 64) return null;
  const [kind, a, b, ...rest] = data.split("|");
  if (rest.length) return null;
  if (kind === "m" && INT.test(a ?? "") && INT.test(b ?? "")) {
    return { kind: "more", queryId: Number(a), offset: Number(b) };
  }
  if ((kind === "s" || kind === "d" || kind === "t") && KEY.test(a ?? "") && b === undefined) {
    return { kind: kind === "s" ? "section" : kind === "d" ? "document" : "text", key: a! };
  }
  if (kind === "f" && INT.test(a ?? "") && (b === "+" || b === "-")) {
    return { kind: "feedback", queryId: Number(a), value: b === "+" ? 1 : -1 };
  }
  if (kind === "l" && INT.test(a ?? "") && b === undefined) return { kind: "list", page: Number(a) };
  if (kind === "u" && UPLOAD_ID.test(a ?? "") && UPLOAD_ACTIONS.includes(b ?? "")) {
    return { kind: "upload", id: a!, action: b as UploadAction };
  }
  return null;
}

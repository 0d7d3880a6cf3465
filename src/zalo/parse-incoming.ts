/** What one incoming Zalo text asks of the bot. Pure: no I/O, no state. */
export type Incoming =
  | { kind: "ignore" }
  | { kind: "question"; text: string }
  | { kind: "more" }
  | { kind: "item"; n: number }
  | { kind: "feedback"; value: 1 | -1 }
  | { kind: "command"; name: string; args: string };

export interface IncomingContext {
  group: boolean;
  /** The names a group member may mention the bot by (getMe's account and display names). */
  botNames: readonly string[];
}

const MORE = new Set(["thêm", "them", "xem thêm", "xem them", "thêm kết quả", "more", "more results"]);
const ASK = new Set(["hoi", "ask"]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The reply to an answer: "thêm" (more), a result number, a vote, or else a new question. */
export function classifyBody(body: string): Incoming {
  const b = body.trim();
  const word = b.toLowerCase().replace(/[.!?…\s]+$/u, "");
  if (MORE.has(word)) return { kind: "more" };
  if (/^\d{1,2}$/.test(word)) return { kind: "item", n: Number(word) };
  if (b === "👍") return { kind: "feedback", value: 1 };
  if (b === "👎") return { kind: "feedback", value: -1 };
  return { kind: "question", text: b };
}

/** Removes every "@<bot name>" from the text; returns null when the bot is not mentioned. */
export function stripMention(text: string, botNames: readonly string[]): string | null {
  let out = text;
  for (const name of botNames.filter((n) => n.trim())) {
    out = out.replace(new RegExp(`@${escapeRegExp(name.trim())}`, "giu"), " ");
  }
  return out === text ? null : out.replace(/\s+/g, " ").trim();
}

/**
 * Private chat: every text is a question (or a follow-up). Group: only a command, a mention of the bot, or `/hoi …`
 * is for the bot; other chatter is ignored, follow-ups included ("1" in a group is usually not meant for us).
 */
export function parseIncoming(raw: string, ctx: IncomingContext): Incoming {
  const text = raw.normalize("NFC").trim();
  if (!text) return { kind: "ignore" };
  const command = /^\/([A-Za-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(text);
  if (command) {
    const name = command[1]!.toLowerCase();
    const args = (command[2] ?? "").trim();
    if (ASK.has(name)) return args ? classifyBody(args) : { kind: "command", name: "hoi", args: "" };
    return { kind: "command", name, args };
  }
  if (!ctx.group) return classifyBody(text);
  const body = stripMention(text, ctx.botNames);
  if (body === null) return { kind: "ignore" };
  return body ? classifyBody(body) : { kind: "command", name: "hoi", args: "" };
}

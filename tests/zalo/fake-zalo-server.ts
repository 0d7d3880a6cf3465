import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ZaloUpdate } from "../../src/zalo/types.ts";

/**
 * A local HTTP server that implements the Zalo Bot API as documented (https://bot.zaloplatforms.com/docs):
 * POST /bot<TOKEN>/<method> with a JSON body, `{ok, result}` or `{ok: false, error_code, description}`;
 * getUpdates returns ONE update per call, or error_code 408 when its long poll ends empty; texts over 2,000
 * characters are refused; setWebhook takes a secret_token of 8–256 characters that every webhook delivery
 * carries back in X-Bot-Api-Secret-Token; getUpdates is refused while a webhook is set.
 */
export interface SentMessage {
  chat_id: string;
  text: string;
  at: number;
}

export interface FakeZaloOptions {
  token: string;
  /** Longest a getUpdates call waits for an update before answering 408 (the client asks for 30 s). */
  maxPollMs?: number;
  me?: { id: string; account_name: string; display_name: string };
}

export const FAKE_BOT = { id: "bot-2f9c", account_name: "bot.vanban", display_name: "Văn Bản Bot" };

export class FakeZaloServer {
  readonly sent: SentMessage[] = [];
  readonly actions: { chat_id: string; action: string }[] = [];
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  webhook: { url: string; secret: string } | null = null;
  private readonly queue: ZaloUpdate[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly failures: { method: string; code: number; description: string; left: number }[] = [];
  private server: Server | undefined;
  private nextId = 1;
  port = 0;

  constructor(private readonly options: FakeZaloOptions) {}

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const w of this.waiting.splice(0)) w();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` calls of `method` fail with this Bot API error. */
  failNext(method: string, code: number, description: string, count = 1): void {
    this.failures.push({ method, code, description, left: count });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  /** A user's text, queued for getUpdates (polling mode). */
  enqueue(update: ZaloUpdate): void {
    this.queue.push(update);
    this.waiting.splice(0).forEach((w) => w());
  }

  /** Webhook delivery: POSTs the update to the registered URL, with the registered secret unless told otherwise. */
  async deliver(update: ZaloUpdate, secret: string | null = this.webhook?.secret ?? null): Promise<number> {
    if (!this.webhook) throw new Error("fake zalo: no webhook is set");
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (secret !== null) headers["X-Bot-Api-Secret-Token"] = secret;
    const res = await fetch(this.webhook.url, { method: "POST", headers, body: JSON.stringify(update) });
    await res.text();
    return res.status;
  }

  sentTo(chatId: string): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const fail = (code: number, description: string) =>
      send(code >= 400 && code < 600 ? code : 400, { ok: false, error_code: code, description });
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return fail(404, "Not found: invalid path or API name");
    if (decodeURIComponent(match[1]!) !== this.options.token) return fail(401, "Unauthorized: invalid bot token");
    const method = match[2]!;
    let body: Record<string, unknown> = {};
    try {
      const raw = await readBody(req);
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(400, "Bad request: body is not JSON");
    }
    this.calls.push({ method, body });
    const injected = this.failures.find((f) => f.method === method && f.left > 0);
    if (injected) {
      injected.left -= 1;
      return fail(injected.code, injected.description);
    }
    await this.handle(method, body, send, fail);
  }

  private async handle(
    method: string,
    body: Record<string, unknown>,
    send: (s: number, b: unknown) => void,
    fail: (c: number, d: string) => void,
  ): Promise<void> {
    switch (method) {
      case "getMe":
        return send(200, {
          ok: true,
          result: { ...(this.options.me ?? FAKE_BOT), account_type: "BASIC", can_join_groups: true },
        });
      case "getUpdates": {
        if (this.webhook) return fail(400, "Bad request: webhook is active, getUpdates is unavailable");
        if (typeof body.timeout !== "string") return fail(400, "Bad request: timeout must be a string of seconds");
        const waitMs = Math.min(Number(body.timeout) * 1000, this.options.maxPollMs ?? 1000);
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.waiting.push(() => (clearTimeout(timer), resolve()));
          });
        }
        const update = this.queue.shift();
        return update ? send(200, { ok: true, result: update }) : fail(408, "Request timeout");
      }
      case "sendMessage": {
        const { chat_id, text } = body;
        if (typeof chat_id !== "string" || !chat_id) return fail(400, "Bad request: chat_id is required");
        if (typeof text !== "string" || !text) return fail(400, "Bad request: text is required");
        if ([...text].length > 2000) return fail(400, "Bad request: text must be at most 2000 characters");
        this.sent.push({ chat_id, text, at: Date.now() });
        return send(200, { ok: true, result: { message_id: `m${this.nextId++}`, date: Date.now() } });
      }
      case "sendChatAction":
        if (typeof body.chat_id !== "string") return fail(400, "Bad request: chat_id is required");
        this.actions.push({ chat_id: body.chat_id, action: String(body.action) });
        return send(200, { ok: true, result: true });
      case "setWebhook": {
        const { url, secret_token } = body;
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) return fail(400, "Bad request: url is required");
        if (typeof secret_token !== "string" || secret_token.length < 8 || secret_token.length > 256)
          return fail(400, "Bad request: secret_token must be 8-256 characters");
        this.webhook = { url, secret: secret_token };
        return send(200, { ok: true, result: { url, updated_at: Date.now() } });
      }
      case "deleteWebhook":
        this.webhook = null;
        return send(200, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "getWebhookInfo":
        return send(200, { ok: true, result: { url: this.webhook?.url ?? "", updated_at: Date.now() } });
      default:
        return fail(404, `Not found: invalid path or API name (${method})`);
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

let messageId = 1;
/** An update as Zalo sends it when a user writes `text` in a chat. */
export function textUpdate(
  chat: { id: string; type: "PRIVATE" | "GROUP" },
  from: { id: string; name?: string },
  text: string,
): ZaloUpdate {
  return {
    event_name: "message.text.received",
    message: {
      message_id: `u${messageId++}`,
      from: { id: from.id, display_name: from.name ?? "Cán bộ", is_bot: false },
      chat: { id: chat.id, chat_type: chat.type },
      date: Date.now(),
      text,
    },
  };
}

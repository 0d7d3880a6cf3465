import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** What the server does with one request. */
export type Behaviour =
  | "ok"
  /** Destroys the connection without an answer (ECONNRESET / socket hang up on the client). */
  | "drop"
  /** Reads the request and never answers. */
  | "stall"
  | { status: number; description: string; parameters?: Record<string, unknown> };

export interface Request {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeBotApi {
  /** `apiRoot` for grammY: http://127.0.0.1:PORT (no trailing slash). */
  apiRoot: string;
  requests: Request[];
  /** Behaviour for the next requests of `method` (or of every method with "*"), in order; the last one repeats. */
  script(method: string, ...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export const TOO_MANY = (retryAfter: number): Behaviour => ({
  status: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});
export const BAD_GATEWAY: Behaviour = { status: 502, description: "Bad Gateway" };
export const BLOCKED: Behaviour = { status: 403, description: "Forbidden: bot was blocked by the user" };

let messageId = 1;

function result(method: string, body: Record<string, unknown>): unknown {
  if (method === "getMe") return { id: 42, is_bot: true, first_name: "Bot", username: "VanBanBot" };
  if (method === "sendMessage")
    return { message_id: messageId++, date: 0, chat: { id: body.chat_id, type: "supergroup" }, text: body.text };
  return true;
}

/**
 * A real HTTP Bot API on 127.0.0.1 (a free port) that answers, fails, drops or stalls each call as scripted: what a
 * Telegram outage looks like to the client, down to the socket. Unscripted calls succeed.
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const scripts = new Map<string, Behaviour[]>();
  const requests: Request[] = [];
  const sockets = new Set<Socket>();
  const next = (method: string): Behaviour => {
    const list = scripts.get(method) ?? scripts.get("*");
    if (!list || list.length === 0) return "ok";
    return list.length > 1 ? list.shift()! : list[0]!;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const method = (req.url ?? "").split("/").pop() ?? "";
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method, body, at: Date.now() });
    const b = next(method);
    if (b === "drop") return req.socket.destroy();
    if (b === "stall") return;
    res.setHeader("content-type", "application/json");
    if (b === "ok") return res.end(JSON.stringify({ ok: true, result: result(method, body) }));
    res.statusCode = b.status;
    res.end(
      JSON.stringify({
        ok: false,
        error_code: b.status,
        description: b.description,
        ...(b.parameters ? { parameters: b.parameters } : {}),
      }),
    );
  };
  const server = createServer((req, res) => void handle(req, res));
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    requests,
    script: (method, ...behaviours) => void scripts.set(method, behaviours),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

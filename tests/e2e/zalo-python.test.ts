import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";
import { textUpdate } from "../zalo/fake-zalo-server.ts";
import { freePort, startBotProcess, until, type BotProcess } from "./bot-process.ts";

const TOKEN = "2718281828:zaloPythonServerToken";
const CHAT = { id: "py-chat-1", type: "PRIVATE" as const };
const USER = { id: "py-user-1" };

interface Sent {
  sent: { chat_id: string; text: string }[];
  actions: { chat_id: string; action: string }[];
}

/**
 * The same process checked against a second, independent Zalo Bot API implementation (tests/zalo/zalo_api_server.py,
 * Python standard library): it answers every error as HTTP 200 with ok:false, where the TypeScript fake uses HTTP
 * status codes, so both readings of the documented responses are exercised.
 */
describe("end to end: the process against the Python Zalo Bot API server", () => {
  let py: ChildProcess;
  let root = "";
  let app: BotProcess | undefined;
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(
      `${root}${path}`,
      body === undefined
        ? {}
        : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    );
    return (await res.json()) as T;
  };
  const sentTo = async (chatId: string) =>
    (await control<Sent>("/_test/sent")).sent.filter((m) => m.chat_id === chatId);

  beforeAll(async () => {
    py = spawn("python3", [`${ROOT}/tests/zalo/zalo_api_server.py`, TOKEN], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    py.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const port = await until("the Python server", () => /LISTENING (\d+)/.exec(out)?.[1], 10_000);
    root = `http://127.0.0.1:${port}`;
  }, 20_000);

  afterAll(async () => {
    await app?.stop();
    py?.kill("SIGTERM");
  });

  it("answers a private question by polling, one update per getUpdates call", async () => {
    app = await startBotProcess(
      { ZALO_BOT_TOKEN: TOKEN, ZALO_API_ROOT: root, PORT: String(await freePort()) },
      "is polling",
    );
    await control("/_test/enqueue", textUpdate(CHAT, USER, "Ai chịu trách nhiệm tiêm vắc xin?"));
    const [answer] = await until("the answer", async () =>
      (await sentTo(CHAT.id)).length ? sentTo(CHAT.id) : undefined,
    );
    expect(answer!.text).toMatch(/^1\. /);
    expect(answer!.text).toContain("🔗 http://bot.test/d/");
    expect((await control<Sent>("/_test/sent")).actions).toContainEqual({ chat_id: CHAT.id, action: "typing" });
    expect(await app.stop()).toBe(0);
    app = undefined;
  }, 60_000);

  it("in webhook mode registers the secret and refuses deliveries without it (401)", async () => {
    const port = await freePort();
    const secret = "py-webhook-secret-77";
    const url = `http://127.0.0.1:${port}/zalo/webhook`;
    app = await startBotProcess(
      {
        ZALO_BOT_TOKEN: TOKEN,
        ZALO_API_ROOT: root,
        ZALO_MODE: "webhook",
        ZALO_WEBHOOK_URL: url,
        ZALO_WEBHOOK_SECRET: secret,
        PORT: String(port),
      },
      "receives updates by webhook",
    );
    expect(await control("/_test/webhook")).toEqual({ url, secret });
    const chat = { id: "py-chat-2", type: "PRIVATE" as const };
    expect(
      await control("/_test/deliver", { update: textUpdate(chat, USER, "tạm dừng karaoke"), secret: null }),
    ).toEqual({ status: 401 });
    expect(
      await control("/_test/deliver", { update: textUpdate(chat, USER, "tạm dừng karaoke"), secret: "not-the-secret" }),
    ).toEqual({ status: 401 });
    expect(
      await control("/_test/deliver", { update: textUpdate(chat, USER, "tạm dừng karaoke"), secret: "registered" }),
    ).toEqual({ status: 200 });
    const [answer] = await until("the webhook answer", async () =>
      (await sentTo(chat.id)).length ? sentTo(chat.id) : undefined,
    );
    expect(answer!.text).toMatch(/^1\. /);
    expect(await sentTo(chat.id)).toHaveLength(1);
  }, 60_000);
});

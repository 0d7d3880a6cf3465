import { freePort, startBotProcess, type BotProcess } from "../e2e/bot-process.ts";

export interface WebProcess extends BotProcess {
  /** http://127.0.0.1:PORT, also the process's PUBLIC_BASE_URL. */
  base: string;
}

/** The real app (`npm start`) without BOT_TOKEN: web only, on a free port, serving the seed corpus. */
export async function startWebProcess(): Promise<WebProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startBotProcess({ HOST: "127.0.0.1", PORT: String(port), PUBLIC_BASE_URL: base }, "web: http://");
  return Object.assign(app, { base });
}

import dotenv from "dotenv";
import { createEngine } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { renderReport } from "./answer/render-text.ts";

/** Wiring only: config → corpus → index → channels; signals for a clean stop. */
async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const started = performance.now();
  const engine = await createEngine(config);
  for (const r of engine.corpus.reports) if (r.status !== "ok" || r.warnings.length) process.stderr.write(`${renderReport(r)}\n`);
  const { documents, passages } = engine.corpus;
  console.log(`corpus: ${documents.size} documents, ${passages.length} passages from ${config.dataDir} in ${Math.round(performance.now() - started)} ms`);
  if (!config.botToken) console.log("telegram: bot is off (no BOT_TOKEN); set BOT_TOKEN in .env to turn it on");
  else console.log("telegram: BOT_TOKEN is set, but the Telegram channel is not built yet (issue 4)");
  console.log("web: no channel is configured yet (issue 7); try `npm run --silent ask -- \"câu hỏi\"`. Press Ctrl+C to stop.");

  // Nothing serves yet; keep the process alive until asked to stop, like a server would.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    clearInterval(keepAlive);
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

await main();

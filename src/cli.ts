import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import dotenv from "dotenv";
import { renderAnswerText, renderReport } from "./answer/render-text.ts";
import { createEngine } from "./engine.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { reportJson } from "./corpus/report-json.ts";

const USAGE = `usage:
  npm run --silent ask -- [--json] [--limit N] [QUESTION]   answer QUESTION, or each line of stdin
  npm run corpus:check -- [--json]                          report what every corpus file yields (--json: a line per file)`;

async function runAsk(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      limit: { type: "string", default: "5" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    process.stderr.write(`ask: --limit must be a whole number from 1 to 50 (got "${values.limit}")\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const engine = await createEngine(config);
  for (const r of engine.corpus.reports) if (r.status === "error") process.stderr.write(`${renderReport(r)}\n`);
  const answer = (q: string) => {
    const set = engine.ask(q, limit);
    process.stdout.write(values.json ? `${JSON.stringify(set)}\n` : renderAnswerText(set));
  };
  if (positionals.length > 0) {
    answer(positionals.join(" "));
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) answer(line);
  return 0;
}

async function runCorpusCheck(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false } } });
  const config = loadConfig(process.env);
  const engine = await createEngine(config);
  const { reports, documents, passages } = engine.corpus;
  const errors = reports.filter((r) => r.status === "error").length;
  if (values.json) {
    for (const r of reports) process.stdout.write(`${JSON.stringify(reportJson(r))}\n`);
    return errors > 0 ? 1 : 0;
  }
  for (const r of reports) process.stdout.write(`${renderReport(r)}\n`);
  process.stdout.write(
    `\n${documents.size} documents, ${passages.length} passages, ${errors} unreadable file(s) in ${config.dataDir}\n`,
  );
  return errors > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const [command, ...rest] = argv;
  try {
    if (command === "ask") return await runAsk(rest);
    if (command === "corpus-check") return await runCorpusCheck(rest);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `${command}: ${(err as Error).message}`}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

/**
 * Speed and memory (DESIGN.md): index build time and retained heap, query latency through `search` and through the
 * full answer path, on the seeds, on ALQAC and on a synthetic 50,000-passage corpus, each beside plain MiniSearch
 * defaults over the same passages (ratios ours/plain); then startup to first answer through the CLI.
 *
 *   npm run bench        (needs --expose-gc: the script passes it)
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { answerQuestion } from "../src/answer/build-answer.ts";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { buildPlainIndex } from "./plain-index.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";
import type { SearchIndex } from "../src/search/types.ts";
import { ALQAC_SKIPPED, SHARED, alqacAvailable, writeAlqacCorpus, type AlqacQuestion } from "./alqac-corpus.ts";
import { printLoadSpeed, realdocsLoadSpeed } from "./load-speed.ts";
import { benchCache, printCacheBench } from "./bench-cache.ts";
import { botThroughput } from "./bot-throughput.ts";
import { buildSyntheticCorpus } from "./synthetic-corpus.ts";

const MAX_FILE = 64 << 20;
const GLOSSARY_DIR = "data";
const WARMUP = 5;
/** A corpus where one query takes longer than this is measured on the first CAPPED questions only. */
const SLOW_QUERY_MS = 2000;
const CAPPED = 30;
/** Rough ceiling on the query timing of one corpus, so the whole bench stays within a few minutes on 2 cores. */
const QUERY_BUDGET_MS = 60_000;
const STARTUP_RUNS = 3;

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error("bench: run with --expose-gc (npm run bench does)");
  process.exit(2);
}
const collect = () => {
  gc();
  gc();
};

interface BuildStats {
  ms: number;
  heapMB: number;
  bufMB: number;
}
interface Build extends BuildStats {
  index: SearchIndex;
}
const REPS_UNDER = 1000;

/** Build time (median of `reps`) and what the last build keeps alive on the JS heap and in ArrayBuffers. */
function measureBuild(make: () => SearchIndex, reps: number): Build {
  const times: number[] = [];
  let kept: SearchIndex | undefined;
  let heapMB = 0;
  let bufMB = 0;
  for (let r = 0; r < reps; r++) {
    kept = undefined;
    collect();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const index = make();
    times.push(performance.now() - t0);
    collect();
    const after = process.memoryUsage();
    kept = index;
    heapMB = (after.heapUsed - before.heapUsed) / 2 ** 20;
    bufMB = (after.arrayBuffers - before.arrayBuffers) / 2 ** 20;
  }
  return { index: kept!, ms: median(times), heapMB, bufMB };
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

function timeQueries(run: (q: string) => unknown, questions: string[], warmup: number): Latency {
  for (const q of questions.slice(0, warmup)) run(q);
  const times = questions.map((q) => {
    const t0 = performance.now();
    run(q);
    return performance.now() - t0;
  });
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times), n: times.length };
}

/**
 * p99 over the questions of each question's fastest of `passes` runs: what a query costs without the shared host's
 * stalls and GC pauses, which the plain p99 of one pass also holds.
 */
function steadyP99(run: (q: string) => unknown, questions: string[], passes: number): number {
  const best = questions.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < passes; r++)
    questions.forEach((q, i) => {
      const t0 = performance.now();
      run(q);
      best[i] = Math.min(best[i]!, performance.now() - t0);
    });
  return quantile(best, 0.99);
}

const STEADY_PASSES = 3;

interface Row {
  corpus: string;
  docs: number;
  passages: number;
  ours: BuildStats;
  plain: BuildStats;
  questions: number;
  /** Why fewer than all questions were timed, if they were. */
  capped: string | null;
  search: { ours: Latency; plain: Latency };
  answer: Latency;
  /** steadyP99 of ours search. */
  steady: number;
}

function benchCorpus(name: string, corpus: Corpus, allQuestions: string[]): Row {
  const reps = corpus.passages.length < REPS_UNDER ? 5 : 1;
  process.stderr.write(`[bench] ${name}: building (${corpus.passages.length} passages)…\n`);
  const plain = measureBuild(() => buildPlainIndex(corpus), reps);
  const ours = measureBuild(() => buildSearchIndex(corpus, { glossaryDir: GLOSSARY_DIR }), reps);
  const answer = (q: string) => answerQuestion(q, 5, { index: ours.index, publicBaseUrl: "http://localhost" });

  // Ours is timed on every question after one untimed pass over all of them (the JIT warms up on real queries).
  // Plain MiniSearch can take seconds per long question at 50k: a probe decides how many it is timed on.
  const oursSearch = (q: string) => ours.index.search(q, 5);
  for (const q of allQuestions) answer(q);
  const searchOurs = timeQueries(oursSearch, allQuestions, 0);
  const answerOurs = timeQueries(answer, allQuestions, 0);
  const steady = steadyP99(oursSearch, allQuestions, STEADY_PASSES);
  let slowest = 0;
  let probeMs = 0;
  const probe = allQuestions.slice(0, WARMUP);
  for (const q of probe) {
    const t0 = performance.now();
    plain.index.search(q, 5);
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    probeMs += ms;
    if (slowest > SLOW_QUERY_MS) break;
  }
  let n = allQuestions.length;
  let capped: string | null = null;
  if (slowest > SLOW_QUERY_MS) {
    n = CAPPED;
    capped = `plain: one query took ${f(slowest / 1000)} s (> ${SLOW_QUERY_MS / 1000} s)`;
  } else {
    const fits = Math.floor(QUERY_BUDGET_MS / (probeMs / probe.length));
    if (fits < n) {
      n = Math.max(CAPPED, fits);
      capped = `plain: ~${f(probeMs / probe.length / 1000, 2)} s per question; ${QUERY_BUDGET_MS / 1000} s budget`;
    }
  }
  process.stderr.write(`[bench] ${name}: queried ours on ${allQuestions.length}, plain on ${n} questions\n`);
  return {
    corpus: name,
    docs: corpus.documents.size,
    passages: corpus.passages.length,
    ours: { ms: ours.ms, heapMB: ours.heapMB, bufMB: ours.bufMB },
    plain: { ms: plain.ms, heapMB: plain.heapMB, bufMB: plain.bufMB },
    questions: n,
    capped,
    search: {
      ours: searchOurs,
      plain: timeQueries((q) => plain.index.search(q, 5), allQuestions.slice(0, n), capped ? 0 : WARMUP),
    },
    answer: answerOurs,
    steady,
  };
}

const ROOT = new URL("..", import.meta.url).pathname;
/** `npm start`'s own command (package.json), with `node` as this node: the compiled start, no tsx. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  };
  const [cmd, ...args] = pkg.scripts.start.split(/\s+/);
  if (cmd !== "node") throw new Error(`bench: npm start is "${pkg.scripts.start}", expected a node command`);
  return [process.execPath, ...args];
}

/** Wall time from spawning `npm start`'s command (no BOT_TOKEN) to the first answer of GET /api/ask on its port. */
async function startupOnce(): Promise<number> {
  const port = await freePort();
  const [node, ...args] = startCommand();
  const t0 = performance.now();
  const child = spawn(node!, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      BOT_TOKEN: "",
      DATA_DIR: "data/directives",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bench: npm start exited ${child.exitCode}: ${out.trim()}`);
      if (performance.now() - t0 > 60_000) throw new Error(`bench: no answer within 60 s: ${out.trim()}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent("tiêm vắc xin")}&limit=1`).catch(
        () => undefined,
      );
      if (res?.status === 200 && Array.isArray(((await res.json()) as { answers?: unknown[] }).answers))
        return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// ---- run ----

// `npm run bench -- --startup`: only the startup figure (seconds instead of minutes).
if (process.argv.includes("--startup")) {
  await startupOnce();
  const runs: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) runs.push(await startupOnce());
  console.log(
    `Startup to first answer: median ${f(median(runs), 0)} ms of ${STARTUP_RUNS} (${runs.map((s) => f(s, 0)).join(", ")}) — \`${startCommand().slice(1).join(" ")}\``,
  );
  process.exit(0);
}

const started = performance.now();
const seeds = await loadCorpus("data/directives", { maxFileBytes: MAX_FILE });
const devQuestions = (await readFile(new URL("./data/dev.jsonl", import.meta.url), "utf8"))
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);
// ALQAC (../shared) is optional: without it the latency questions are the dev questions, and the synthetic corpus
// is made of the seeds' sentences only.
let alqac: Corpus | undefined;
let questions = devQuestions;
if (alqacAvailable()) {
  const alqacFiles = await writeAlqacCorpus();
  try {
    alqac = await loadCorpus(alqacFiles.dir, { maxFileBytes: MAX_FILE });
  } finally {
    await rm(alqacFiles.dir, { recursive: true, force: true });
  }
  questions = alqacFiles.questions.map((q: AlqacQuestion) => q.text);
} else {
  console.log(
    `${ALQAC_SKIPPED}; latency uses the ${devQuestions.length} dev questions, the synthetic corpus the seeds only`,
  );
}

const rows: Row[] = [];
rows.push(benchCorpus("seeds", seeds, questions));
if (alqac) rows.push(benchCorpus("ALQAC", alqac, questions));
const throughput: { corpus: string; perSecond: number; answered: number }[] = [];
process.stderr.write(`[bench] bot throughput on the seeds…\n`);
throughput.push({ corpus: "seeds", ...(await botThroughput(seeds, devQuestions)) });
{
  const t0 = performance.now();
  const synthetic = buildSyntheticCorpus(alqac ? [seeds, alqac] : [seeds], {
    documents: 1000,
    passagesPerDocument: 50,
  });
  process.stderr.write(`[bench] synthetic corpus generated in ${(performance.now() - t0).toFixed(0)} ms\n`);
  rows.push(benchCorpus("synthetic", synthetic, questions));
  process.stderr.write(`[bench] bot throughput at 50,000 passages…\n`);
  throughput.push({ corpus: "synthetic", ...(await botThroughput(synthetic, devQuestions)) });
}

process.stderr.write(`[bench] startup: ${STARTUP_RUNS} runs of npm start's command…\n`);
// One untimed run first: it builds dist/ when sources are newer (what `npm install` does once).
await startupOnce();
const startups: number[] = [];
for (let i = 0; i < STARTUP_RUNS; i++) startups.push(await startupOnce());

// Restart and reload with the parse and index caches (bench/bench-cache.ts).
const cacheRun = await benchCache(alqac ? [seeds, alqac] : [seeds]);
// Loading speed on the real gazette texts and PDFs, when ../shared has them (bench/load-speed.ts).
process.stderr.write(`[bench] load speed on ../shared/realdocs…\n`);
const loadSpeed = await realdocsLoadSpeed(SHARED);

// ---- print ----

/** ours/plain; below 0.1 it reads better as a fraction ("1/48×" = 48 times less). */
const ratio = (a: number, b: number) =>
  b > 0 && a > 0 ? (a / b >= 0.1 ? `${(a / b).toFixed(1)}×` : `1/${Math.round(b / a)}×`) : "-";
/** Heap deltas under ~0.5 MB are gc noise (they can even be negative): no ratio for them. */
const memRatio = (a: number, b: number) => (a >= 0.5 && b >= 0.5 ? ratio(a, b) : "-");
const pad = (s: string, n: number) => s.padStart(n);
const cpus = os.cpus();

console.log(`Speed and memory — ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `machine: ${cpus.length} cores, ${cpus[0]?.model ?? "unknown CPU"}, ${f(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log(
  `ours = buildSearchIndex(corpus, { glossaryDir: "data" }); plain = MiniSearch defaults over passage text; ratio = ours/plain`,
);
console.log("");
console.log(
  `Index build (time: median of 5 builds under ${REPS_UNDER} passages, else one; MB: JS heap (heapUsed) retained by the index after gc; buf: ArrayBuffers it retains)`,
);
console.log(
  [
    pad("corpus", 10),
    pad("docs", 5),
    pad("passages", 8),
    pad("ours ms", 9),
    pad("plain ms", 9),
    pad("ratio", 7),
    pad("ours MB", 8),
    pad("plain MB", 9),
    pad("ratio", 7),
    pad("ours buf", 9),
  ].join(" "),
);
for (const r of rows) {
  console.log(
    [
      pad(r.corpus, 10),
      pad(String(r.docs), 5),
      pad(String(r.passages), 8),
      pad(f(r.ours.ms), 9),
      pad(f(r.plain.ms), 9),
      pad(ratio(r.ours.ms, r.plain.ms), 7),
      pad(f(Math.max(0, r.ours.heapMB), 2), 8),
      pad(f(Math.max(0, r.plain.heapMB), 2), 9),
      pad(memRatio(r.ours.heapMB, r.plain.heapMB), 7),
      pad(f(Math.max(0, r.ours.bufMB), 2), 9),
    ].join(" "),
  );
}
console.log("");
console.log(
  `Query latency, ms (${alqac ? "ALQAC question texts" : "dev questions"}, limit 5, warmed up; p50 / p99 / max; p99 of n < 100 is near the max)`,
);
console.log(
  [
    pad("corpus", 10),
    pad("n*", 4),
    pad("ours search", 24),
    pad("plain search", 24),
    pad("p50 ratio", 10),
    pad("p99 ratio", 10),
    pad("ours answer path", 24),
  ].join(" "),
);
const triple = (l: Latency) => `${f(l.p50, 2)} / ${f(l.p99, 2)} / ${f(l.max, 2)}`;
for (const r of rows) {
  console.log(
    [
      pad(r.corpus, 10),
      pad(String(r.questions), 4),
      pad(triple(r.search.ours), 24),
      pad(triple(r.search.plain), 24),
      pad(ratio(r.search.ours.p50, r.search.plain.p50), 10),
      pad(ratio(r.search.ours.p99, r.search.plain.p99), 10),
      pad(triple(r.answer), 24),
    ].join(" "),
  );
}
console.log(
  `  search = index.search(q, 5); answer path = answerQuestion(q, 5, { index: ours, publicBaseUrl }), i.e. search plus excerpts and citations`,
);
console.log(
  `  ours search, each question's fastest of ${STEADY_PASSES} passes (the host's stalls and GC pauses out), p99: ` +
    rows.map((r) => `${r.corpus} ${f(r.steady, 2)} ms`).join(", "),
);
for (const r of rows)
  if (r.capped)
    console.log(
      `  ${r.corpus}: plain timed on the first ${r.questions} of ${questions.length} questions, ours on all (${r.capped})`,
    );
console.log("");
console.log(
  `Startup to first answer: median ${f(median(startups), 0)} ms of ${STARTUP_RUNS} (${startups.map((s) => f(s, 0)).join(", ")}) — ` +
    `\`${startCommand().slice(1).join(" ")}\` (npm start: compiled dist/, no tsx), no BOT_TOKEN, seeds; spawn to the first 200 of GET /api/ask`,
);
console.log("");
console.log(
  "Answers per second through the bot's update handler (dev questions, one at a time, Telegram API stubbed, real SQLite query log)",
);
for (const t of throughput)
  console.log(`  ${t.corpus.padEnd(10)} ${f(t.perSecond, 0)} answers/s (${t.answered} in 3 s)`);
console.log("");
printCacheBench(cacheRun);
console.log("");
printLoadSpeed(loadSpeed);
console.log(`bench wall time: ${f((performance.now() - started) / 1000)} s`);

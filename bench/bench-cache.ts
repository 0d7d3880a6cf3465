/**
 * Restart and reload at 50,000 passages (issue 11, item 10): the synthetic corpus written out as files, then the real
 * process (`npm start`'s command — the compiled dist/ — web only; `--tsx`: `node --import tsx src/main.ts`) started twice on one STATE_DIR — cold (empty state: every file
 * parsed, every passage encoded) and warm (parse cache + index cache) — each timed from spawn to the first answer of
 * GET /api/ask; then, in process, a reload after one changed file through the real reloader, with the caches.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createReloader } from "../src/admin/reloader.ts";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import { createParseCache } from "../src/corpus/parse-cache.ts";
import type { Corpus } from "../src/corpus/types.ts";
import { engineFor, readIndexCache, type Engine } from "../src/engine.ts";
import { createLogger } from "../src/log.ts";
import { writeCorpusFiles } from "./cache-corpus.ts";
import { buildSyntheticCorpus } from "./synthetic-corpus.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const MAX_FILE = 64 << 20;
const QUESTION = "tiêm vắc xin cho người cao tuổi";
const START_TIMEOUT_MS = 300_000;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What is started: `npm start`'s own command (package.json; the compiled dist/), or the sources through tsx. */
export type StartMode = "start" | "tsx";

function startArgs(mode: StartMode): string[] {
  if (mode === "tsx") return ["--import", "tsx", "src/main.ts"];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const [cmd, ...args] = pkg.scripts.start.split(/\s+/);
  if (cmd !== "node") throw new Error(`bench-cache: npm start is "${pkg.scripts.start}", expected a node command`);
  return args;
}

/** dist/ built before the clock starts, so the cold start times the corpus, not tsc (`npm install` builds it once). */
function ensureBuilt(): void {
  const check = "import { isStale } from './scripts/build.mjs'; process.exit(isStale() ? 1 : 0)";
  if (spawnSync(process.execPath, ["--input-type=module", "-e", check], { cwd: ROOT }).status === 0) return;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench-cache: scripts/build.mjs failed: ${r.stderr || r.stdout}`);
}

/** Spawn → first 200 from /api/ask with an answers array; then waits for `until` and stops the process. */
async function startOnce(mode: StartMode, dataDir: string, stateDir: string, until: () => boolean): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, startArgs(mode), {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      BOT_TOKEN: "",
      LOG_LEVEL: "warn",
      CORPUS_MAX_FILE_MB: "64",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let ms = NaN;
  try {
    while (performance.now() - t0 < START_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`bench-cache: the server exited ${child.exitCode}: ${err.trim()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent(QUESTION)}&limit=5`);
        if (res.ok && Array.isArray(((await res.json()) as { answers?: unknown }).answers)) {
          ms = performance.now() - t0;
          break;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    const t1 = performance.now();
    while (!until() && performance.now() - t1 < START_TIMEOUT_MS) await sleep(200);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  if (!Number.isFinite(ms)) throw new Error("bench-cache: no answer within the timeout");
  return ms;
}

/** The index cache is written a little after the start; it is complete once its size stops changing. */
function cacheWritten(path: string): () => boolean {
  let last = -1;
  return () => {
    if (!existsSync(path)) return false;
    const size = statSync(path).size;
    const stable = size === last;
    last = size;
    return stable;
  };
}

async function reloadOnce(
  dataDir: string,
  stateDir: string,
  changedFile: string,
): Promise<{ ms: number; misses: number }> {
  const cache = createParseCache(stateDir);
  const load = () => loadCorpus(dataDir, { maxFileBytes: MAX_FILE, cache });
  let engine: Engine = engineFor(await load(), "http://localhost", {
    previous: await readIndexCache(join(stateDir, "index-cache.bin")),
  });
  const before = cache.stats.misses;
  const reloader = createReloader({
    load,
    current: () => engine.corpus,
    swap: (corpus) => {
      engine = engineFor(corpus, "http://localhost", { previous: engine.index.reuse ?? null });
    },
    log: createLogger("warn"),
  });
  await appendFile(changedFile, "\n\nSở Y tế chủ trì tổ chức tiêm vắc xin lưu động cho người cao tuổi tại nhà.\n");
  const report = await reloader.reload("signal", null);
  if (!report.ok) throw new Error(`bench-cache: reload failed: ${report.error}`);
  return { ms: report.ms, misses: cache.stats.misses - before };
}

export interface CacheBench {
  documents: number;
  passages: number;
  mb: number;
  coldMs: number;
  warmMs: number;
  reloadMs: number;
  reloadParsed: number;
  mode: StartMode;
}

export async function benchCache(sources: Corpus[], mode: StartMode = "start"): Promise<CacheBench> {
  if (mode === "start") ensureBuilt();
  const synthetic = buildSyntheticCorpus(sources, { documents: 1000, passagesPerDocument: 50 });
  const { dir, bytes } = await writeCorpusFiles(synthetic);
  const state = await mkdtemp(join(tmpdir(), "bench-cache-state-"));
  try {
    process.stderr.write(`[bench] cache: cold start (${(bytes / 1e6).toFixed(1)} MB of files, empty STATE_DIR)…\n`);
    const coldMs = await startOnce(mode, dir, state, cacheWritten(join(state, "index-cache.bin")));
    process.stderr.write(`[bench] cache: warm start…\n`);
    const warmMs = await startOnce(mode, dir, state, () => true);
    process.stderr.write(`[bench] cache: one-file reload…\n`);
    const loaded = await loadCorpus(dir, { maxFileBytes: MAX_FILE, cache: createParseCache(state) });
    const file = join(dir, [...loaded.documents.values()][7]!.file);
    const reload = await reloadOnce(dir, state, file);
    return {
      documents: loaded.documents.size,
      passages: loaded.passages.length,
      mb: bytes / 1e6,
      coldMs,
      warmMs,
      reloadMs: reload.ms,
      reloadParsed: reload.misses,
      mode,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

export function printCacheBench(r: CacheBench): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `Restart and reload with the caches (${r.documents} documents, ${r.passages} passages, ${r.mb.toFixed(1)} MB of text files)`,
  );
  console.log(
    `  cold start to first answer (empty STATE_DIR: parse + encode, caches written)  ${s(r.coldMs)}   (≈ ${(r.mb / (r.coldMs / 1000)).toFixed(1)} MB/s end to end)`,
  );
  console.log(
    `  warm start to first answer (parse cache + index cache)                        ${s(r.warmMs)}   target ≤ 3 s`,
  );
  console.log(
    `  reload after one changed file (${r.reloadParsed} file parsed again)                         ${s(r.reloadMs)}   target ≤ 2 s`,
  );
  console.log(
    `  spawn → first 200 of GET /api/ask on \`node ${startArgs(r.mode).join(" ")}\` (${r.mode === "tsx" ? "the sources through tsx" : "npm start's command: compiled dist/"}, web only); the reload through createReloader in process`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mode: StartMode = process.argv.includes("--tsx") ? "tsx" : "start";
  const seeds = await loadCorpus(join(ROOT, "data/directives"), { maxFileBytes: MAX_FILE });
  const { ALQAC_SKIPPED, alqacAvailable, writeAlqacCorpus } = await import("./alqac-corpus.ts");
  if (!alqacAvailable()) {
    console.log(`${ALQAC_SKIPPED}: the synthetic corpus is built from the seeds only`);
    printCacheBench(await benchCache([seeds], mode));
  } else {
    const alqacFiles = await writeAlqacCorpus();
    try {
      printCacheBench(await benchCache([seeds, await loadCorpus(alqacFiles.dir, { maxFileBytes: MAX_FILE })], mode));
    } finally {
      await rm(alqacFiles.dir, { recursive: true, force: true });
    }
  }
}

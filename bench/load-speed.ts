/**
 * Loading speed (issue 11, item 10): `loadCorpus` (no cache: every file read, cleaned, parsed and linked) over the
 * real gazette texts and PDFs in ../shared/realdocs, in MB of text per second — for PDFs both the files' size and
 * the text extracted from them. Wall and CPU time of this process; the machine is shared, so both are printed.
 * Each folder is loaded twice: as a plain call does (parse workers of its own only for a large folder: the PDFs,
 * not the texts; see POOL_MIN_BYTES in load-corpus.ts), then on parse workers kept from an earlier load ("warm
 * workers", as a caller that keeps a pool, parse-pool.ts): this thread parses a share beside one worker per other
 * core (shared-parse.ts). A text folder is loaded TEXT_RUNS times each way and the median run printed.
 *
 *   npx tsx bench/load-speed.ts
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { loadCorpus } from "../src/corpus/load-corpus.ts";
import { createParsePool, type ParsePool } from "../src/corpus/parse-pool.ts";
import type { Corpus } from "../src/corpus/types.ts";

const MAX_FILE = 64 << 20;
const MB = 1e6;

export interface LoadSpeed {
  label: string;
  /** The load used parse workers kept from an earlier load. */
  warm: boolean;
  files: number;
  /** Size of the files read. */
  fileMB: number;
  /** UTF-8 size of the cleaned text of the documents loaded. */
  textMB: number;
  /** The median run's wall and CPU seconds, and every run's wall seconds. */
  seconds: number;
  cpuSeconds: number;
  runs: number[];
}

/** Text folders load in about a second on a shared machine: the median of this many runs is printed, with all. */
const TEXT_RUNS = 3;

async function folderMB(dir: string, ext: string): Promise<{ files: number; mb: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(ext));
  let bytes = 0;
  for (const n of names) bytes += (await stat(join(dir, n))).size;
  return { files: names.length, mb: bytes / MB };
}

/** loadCorpus without a cache, timed: wall seconds and CPU seconds (all threads of the process, user + system). */
export async function timedLoad(
  dir: string,
  pool?: ParsePool,
): Promise<{ corpus: Corpus; seconds: number; cpuSeconds: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const corpus = await loadCorpus(dir, { maxFileBytes: MAX_FILE, ...(pool ? { pool } : {}) });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { corpus, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

export async function measureLoad(
  label: string,
  dir: string,
  ext: string,
  pool?: ParsePool,
  runs = 1,
): Promise<LoadSpeed> {
  const { files, mb } = await folderMB(dir, ext);
  const timed: { corpus: Corpus; seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < runs; i++) timed.push(await timedLoad(dir, pool));
  const byTime = [...timed].sort((a, b) => a.seconds - b.seconds);
  const { corpus, seconds, cpuSeconds } = byTime[Math.floor((byTime.length - 1) / 2)]!;
  let text = 0;
  for (const d of corpus.documents.values()) text += Buffer.byteLength(d.text);
  const all = timed.map((t) => t.seconds);
  return { label, warm: pool !== undefined, files, fileMB: mb, textMB: text / MB, seconds, cpuSeconds, runs: all };
}

/** The real-document folders present beside the repo (none in a fresh clone: the bench says so and goes on). */
export async function realdocsLoadSpeed(shared: string): Promise<LoadSpeed[] | string> {
  const root = join(shared, "realdocs");
  const sets: [string, string, string][] = [
    ["texts", join(root, "gazette"), ".txt"],
    ["PDFs", join(root, "gazette-pdf"), ".pdf"],
  ];
  const present = sets.filter(([, dir]) => existsSync(dir));
  if (!present.length) return `load speed skipped: ${root} not found (optional set, beside the repo)`;
  const out: LoadSpeed[] = [];
  // One untimed load first: the JIT and the PDF reader's modules warm up, as in a running server.
  await loadCorpus(present[0]![1], { maxFileBytes: MAX_FILE });
  const runsOf = (ext: string) => (ext === ".txt" ? TEXT_RUNS : 1);
  for (const [label, dir, ext] of present) out.push(await measureLoad(label, dir, ext, undefined, runsOf(ext)));
  const pool = createParsePool({ size: availableParallelism() });
  try {
    // The kept workers' own untimed load first, for the same reason.
    await loadCorpus(present[0]![1], { maxFileBytes: MAX_FILE, pool });
    for (const [label, dir, ext] of present) out.push(await measureLoad(label, dir, ext, pool, runsOf(ext)));
  } finally {
    await pool.close();
  }
  return out;
}

export function printLoadSpeed(r: LoadSpeed[] | string): void {
  if (typeof r === "string") {
    console.log(r);
    return;
  }
  console.log("Loading speed (loadCorpus without a cache, ../shared/realdocs; target ≥ 20 MB/s of text)");
  for (const s of r) {
    const perFile = s.label === "PDFs" ? `, ${(s.fileMB / s.seconds).toFixed(1)} MB/s of PDF files` : "";
    console.log(
      `  ${s.label.padEnd(5)}${s.warm ? " (warm workers)" : ""} ${s.files} files, ${s.fileMB.toFixed(1)} MB of files, ${s.textMB.toFixed(1)} MB of text, ` +
        `${s.seconds.toFixed(2)} s: ${(s.textMB / s.seconds).toFixed(1)} MB/s of text${perFile} ` +
        `(CPU ${s.cpuSeconds.toFixed(2)} s: ${(s.textMB / s.cpuSeconds).toFixed(1)} MB/s)` +
        (s.runs.length > 1
          ? `; median of ${s.runs.length} runs (${s.runs.map((x) => x.toFixed(2)).join(", ")} s)`
          : ""),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { SHARED } = await import("./alqac-corpus.ts");
  printLoadSpeed(await realdocsLoadSpeed(SHARED));
}

/**
 * Parses one load's files on a pool's workers and on this thread at once. The workers take the largest files
 * first and this thread the smallest: a large file handed out last would leave the other threads idle at the end,
 * a worker's file costs a structured clone that one parsed here does not, and a small file blocks this thread's
 * event loop only briefly. A file parsed here gets the per-file linker passes at once, as a worker's does, so that
 * they are not left for the linker after the parsing.
 */
import { statSync } from "node:fs";
import type { ParsedFile } from "./parse-cache.ts";
import { runParseJob, type ParseJob } from "./parse-job.ts";
import { type ParsePool, WORKER_DEPTH } from "./parse-pool.ts";
import { formatOf } from "./read-file.ts";

export interface SharedParseOptions {
  /** The pool's workers to keep busy (each holds WORKER_DEPTH files: the one it parses and the next). */
  lanes: number;
  /** This thread parses a share too. */
  here: boolean;
}

interface Waiting {
  job: ParseJob;
  size: number;
  resolve: (parsed: ParsedFile) => void;
  reject: (err: unknown) => void;
}

export type SharedParse = ParsePool["parse"];

export function sharedParse(pool: ParsePool, { lanes, here }: SharedParseOptions): SharedParse {
  // Largest first; the loader asks for its files in one burst, so they are sorted once it has asked for all.
  const waiting: Waiting[] = [];
  let sorted = true;
  let onWorkers = 0;
  let hereBusy = false;
  let pumpQueued = false;
  const pump = () => {
    pumpQueued = false;
    if (!sorted) {
      waiting.sort((a, b) => b.size - a.size);
      sorted = true;
    }
    while (onWorkers < lanes * WORKER_DEPTH && waiting.length > 0) {
      const w = waiting.shift()!;
      onWorkers++;
      pool
        .parse(w.job.path, w.job.docId, w.job.sidecar, w.job.maxBytes)
        .then(w.resolve, w.reject)
        .finally(() => {
          onWorkers--;
          pump();
        });
    }
    if (here && !hereBusy && waiting.length > 0) {
      const w = waiting.pop()!;
      hereBusy = true;
      runParseJob(w.job)
        .then(({ parsed }) => w.resolve(parsed), w.reject)
        .finally(() => {
          hereBusy = false;
          pump();
        });
    }
  };
  return (path, docId, sidecar, maxBytes) =>
    new Promise<ParsedFile>((resolve, reject) => {
      waiting.push({ job: { path, docId, sidecar, maxBytes }, size: sizeOf(path), resolve, reject });
      sorted = false;
      if (!pumpQueued) {
        pumpQueued = true;
        setImmediate(pump);
      }
    });
}

/** PDF and .docx bytes cost this many times a text byte to read (pdf.js: ≈ 10 s of CPU for 18.5 MB of PDFs). */
export const PDF_BYTE_COST = 16;

/** What parsing the file costs, in text bytes. */
export function costOf(path: string, size: number): number {
  const format = formatOf(path);
  return format === "pdf" || format === "docx" ? size * PDF_BYTE_COST : size;
}

/** The file's cost, for the order only: a file that cannot be stat'ed goes last, and its read reports why. */
function sizeOf(path: string): number {
  try {
    return costOf(path, statSync(path).size);
  } catch {
    return 0;
  }
}

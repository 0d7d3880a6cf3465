/**
 * Parses corpus files on worker threads: the loader's CPU work (reading, cleaning, splitting, the per-file passes
 * of the linker) spread over the cores, and the event loop of a serving bot left free during a reload. Each
 * worker runs the same parse as the single-thread path (parse-job.ts); results come back as structured clones.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { rememberTextKey } from "./duplicates.ts";
import { CorpusFileError } from "./errors.ts";
import { rememberFindings } from "./link-documents.ts";
import type { ParsedFile } from "./parse-cache.ts";
import { errorOfJob, runParseJob, unpackJob, type JobError, type PackedJob, type ParseJob } from "./parse-job.ts";
import type { JobMessage } from "./parse-worker.ts";
import type { Sidecar } from "./types.ts";

export interface ParsePoolOptions {
  /** Worker threads, started as files arrive (at most one per file). */
  size: number;
  /** The worker's module (a .ts one runs through tsx); default parse-worker beside this file (workerEntry below). */
  entry?: URL;
}

export interface ParsePool {
  /** Its worker threads (at most). */
  readonly size: number;
  /** parseFile's contract: the parsed file, or the CorpusFileError (or other error) the parse threw. */
  parse(path: string, docId: string, sidecar: Sidecar | null, maxBytes: number): Promise<ParsedFile>;
  /** Stops the workers; files still waiting are refused. */
  close(): Promise<void>;
}

/** A file whose worker died is tried once more, alone on a new worker; a second death is that file's error. */
const MAX_ATTEMPTS = 2;

interface Task {
  id: number;
  job: ParseJob;
  attempts: number;
  resolve: (parsed: ParsedFile) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The one file the worker is on: one at a time, so that a crash names its file. */
  task: Task | null;
  /** Why the worker stopped, from its "error" event (its "exit" follows). */
  failure: string | null;
  /** The worker's module loaded (it said so): a worker that dies before is no file's fault. */
  ready: boolean;
}

interface PoolState {
  options: Required<ParsePoolOptions>;
  queue: Task[];
  slots: Set<Slot>;
  closed: boolean;
  /**
   * Why workers cannot start here (their module does not load: a dist/ without parse-worker.js, sources without
   * tsx), else null. The files are then parsed on this thread: a load never fails for want of workers.
   */
  unavailable: string | null;
}

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const state: PoolState = {
    options: { size: Math.max(1, options.size), entry: options.entry ?? workerEntry() },
    queue: [],
    slots: new Set(),
    closed: false,
    unavailable: null,
  };
  let nextId = 0;
  return {
    size: state.options.size,
    parse: (path, docId, sidecar, maxBytes) =>
      new Promise<ParsedFile>((resolve, reject) => {
        if (state.closed) return reject(new Error("parse pool: closed"));
        state.queue.push({ id: nextId++, job: { path, docId, sidecar, maxBytes }, attempts: 0, resolve, reject });
        dispatch(state);
      }),
    close: () => closePool(state),
  };
}

/** Built (dist/), the worker is the compiled parse-worker.js beside this file; from the sources, parse-worker.ts. */
function workerEntry(): URL {
  const js = new URL("./parse-worker.js", import.meta.url);
  return existsSync(js) ? js : new URL("./parse-worker.ts", import.meta.url);
}

/**
 * A worker running `entry`. A .ts module (tests, bench: the sources run through tsx) is imported by tsx's
 * tsImport in the worker: Node 20 passes neither tsx's `--import` loader nor its hooks on to worker threads.
 */
function newWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry);
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const api = pathToFileURL(join(dirname(tsxPackage), "dist/esm/api/index.mjs")).href;
  const href = JSON.stringify(entry.href);
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${href}, ${href}));`, { eval: true });
}

/** Hands waiting files to idle workers, starting workers up to the pool's size. */
function dispatch(state: PoolState): void {
  if (state.unavailable !== null) {
    for (const task of state.queue.splice(0)) parseHere(task);
    return;
  }
  for (const slot of state.slots) {
    if (state.queue.length === 0) return;
    if (!slot.task) send(slot, state.queue.shift()!);
  }
  while (state.queue.length > 0 && state.slots.size < state.options.size && !state.closed) {
    let slot: Slot;
    try {
      slot = startWorker(state);
    } catch (err) {
      // Not even started (no tsx to run the sources with): as for a worker whose module does not load.
      state.unavailable = err instanceof Error ? err.message : String(err);
      dispatch(state);
      return;
    }
    send(slot, state.queue.shift()!);
  }
}

function send(slot: Slot, task: Task): void {
  slot.task = task;
  task.attempts++;
  slot.worker.postMessage({ id: task.id, job: task.job } satisfies JobMessage);
}

function startWorker(state: PoolState): Slot {
  const worker = newWorker(state.options.entry);
  const slot: Slot = { worker, task: null, failure: null, ready: false };
  state.slots.add(slot);
  worker.on("message", (msg: { id: number; result?: PackedJob; error?: JobError } | { ready: true }) => {
    if ("ready" in msg) {
      slot.ready = true;
      return;
    }
    const task = slot.task;
    if (!task || task.id !== msg.id) return;
    slot.task = null;
    if (msg.result) task.resolve(received(msg.result));
    else task.reject(errorOfJob(msg.error ?? { message: "parse worker: empty reply" }));
    dispatch(state);
  });
  worker.on("error", (err) => {
    slot.failure = err.message;
  });
  worker.on("exit", (code) => onExit(state, slot, code));
  return slot;
}

/** A parsed file from a worker, with the per-file passes it did remembered, so the linker does not redo them. */
function received(packed: PackedJob): ParsedFile {
  const { parsed, findings, textKey } = unpackJob(packed);
  rememberFindings(parsed.document, findings);
  if (textKey !== null) rememberTextKey(parsed.document, textKey);
  return parsed;
}

/** A worker that stopped (crashed, killed, out of memory): its file goes back to the queue or fails, never lost. */
function onExit(state: PoolState, slot: Slot, code: number): void {
  state.slots.delete(slot);
  const task = slot.task;
  slot.task = null;
  if (!slot.ready && !state.closed) {
    state.unavailable = slot.failure ?? `exit code ${code}`;
    if (task) {
      task.attempts--;
      state.queue.unshift(task);
    }
  } else if (task) {
    if (task.attempts >= MAX_ATTEMPTS || state.closed) {
      const why = slot.failure ?? `exit code ${code}`;
      task.reject(new CorpusFileError(basename(task.job.path), `the parser stopped on this file (${why})`));
    } else {
      // At the queue's head and so on the next worker started, where it runs alone again.
      state.queue.unshift(task);
    }
  }
  if (!state.closed) dispatch(state);
}

/** The single-thread path, for a pool whose workers cannot start: the same parse, on this thread. */
function parseHere(task: Task): void {
  runParseJob(task.job).then(
    ({ parsed }) => task.resolve(parsed),
    (err: unknown) => task.reject(err instanceof Error ? err : new Error(String(err))),
  );
}

async function closePool(state: PoolState): Promise<void> {
  state.closed = true;
  for (const task of state.queue.splice(0)) task.reject(new Error("parse pool: closed before the file was parsed"));
  await Promise.all([...state.slots].map((s) => s.worker.terminate()));
}

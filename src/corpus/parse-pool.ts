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
/**
 * Files a worker holds at once: the one it parses and the next, so that it never waits for this thread (busy with
 * a file of its own, shared-parse.ts) to hand it one. It parses them in turn and replies in turn, so that the first
 * unanswered one is the file it died on.
 */
export const WORKER_DEPTH = 2;
const CLOSED_BEFORE = "parse pool: closed before the file was parsed";

interface Task {
  id: number;
  job: ParseJob;
  attempts: number;
  /** Tried again after its worker died: it runs with no file behind it, so that a second death is its own. */
  alone: boolean;
  resolve: (parsed: ParsedFile) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The files sent to the worker, in the order it parses them: the first is the one it is on. */
  tasks: Task[];
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
        const job = { path, docId, sidecar, maxBytes };
        state.queue.push({ id: nextId++, job, attempts: 0, alone: false, resolve, reject });
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

/**
 * Hands waiting files to the workers running, up to WORKER_DEPTH each, then starts workers up to the pool's size:
 * a caller that keeps fewer files in flight than the pool holds (shared-parse.ts) keeps fewer workers busy.
 */
function dispatch(state: PoolState): void {
  if (state.unavailable !== null) {
    for (const task of state.queue.splice(0)) parseHere(task);
    return;
  }
  for (const slot of state.slots) fill(state, slot);
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
    fill(state, slot);
  }
}

/** Sends waiting files to the worker while it has room; a file tried again goes to an idle worker, alone. */
function fill(state: PoolState, slot: Slot): void {
  while (state.queue.length > 0 && slot.tasks.length < WORKER_DEPTH) {
    if (slot.tasks[0]?.alone || (state.queue[0]!.alone && slot.tasks.length > 0)) return;
    send(slot, state.queue.shift()!);
  }
}

function send(slot: Slot, task: Task): void {
  slot.tasks.push(task);
  task.attempts++;
  slot.worker.postMessage({ id: task.id, job: task.job } satisfies JobMessage);
}

function startWorker(state: PoolState): Slot {
  const worker = newWorker(state.options.entry);
  const slot: Slot = { worker, tasks: [], failure: null, ready: false };
  state.slots.add(slot);
  worker.on("message", (msg: { id: number; result?: PackedJob; error?: JobError } | { ready: true }) => {
    if ("ready" in msg) {
      slot.ready = true;
      return;
    }
    const at = slot.tasks.findIndex((t) => t.id === msg.id);
    if (at < 0) return;
    const [task] = slot.tasks.splice(at, 1) as [Task];
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

/**
 * A worker that stopped (crashed, killed, out of memory): its files go back to the queue or fail, never lost. The
 * first of them is the one it was on; those behind it were not started, and go back as they were.
 */
function onExit(state: PoolState, slot: Slot, code: number): void {
  state.slots.delete(slot);
  const [task, ...waiting] = slot.tasks;
  slot.tasks = [];
  for (const w of waiting) w.attempts--;
  if (!slot.ready && !state.closed) {
    state.unavailable = slot.failure ?? `exit code ${code}`;
    if (task) task.attempts--;
    state.queue.unshift(...(task ? [task] : []), ...waiting);
  } else if (task) {
    if (task.attempts >= MAX_ATTEMPTS || state.closed) {
      const why = slot.failure ?? `exit code ${code}`;
      task.reject(new CorpusFileError(basename(task.job.path), `the parser stopped on this file (${why})`));
      if (state.closed) for (const w of waiting) w.reject(new Error(CLOSED_BEFORE));
      else state.queue.unshift(...waiting);
    } else {
      // At the queue's head and so on the next worker free, where it runs alone.
      task.alone = true;
      state.queue.unshift(task, ...waiting);
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
  for (const task of state.queue.splice(0)) task.reject(new Error(CLOSED_BEFORE));
  await Promise.all([...state.slots].map((s) => s.worker.terminate()));
}

import type { MessagePort } from "node:worker_threads";
import { needsTextKey, textKey } from "./duplicates.ts";
import { CorpusFileError } from "./errors.ts";
import { findingsOf, type Findings } from "./link-documents.ts";
import { parseFile, type ParsedFile } from "./parse-cache.ts";
import type { Sidecar } from "./types.ts";

/** One file to parse, as the loader hands it to a parse worker: plain data, so it crosses threads. */
export interface ParseJob {
  path: string;
  docId: string;
  sidecar: Sidecar | null;
  maxBytes: number;
}

/** A parsed file with the linker's and the duplicate check's per-file work done beside it (both pure in the file). */
export interface ParsedJob {
  parsed: ParsedFile;
  findings: Findings;
  /** Null when the duplicate check will not ask for it. */
  textKey: string | null;
}

/**
 * A ParsedJob as a worker sends it: each passage's text that is a span of the document's text (nearly all) goes as
 * that span's offsets, so that the clone copies the text once, not twice. The worker's own copy is emptied; the
 * receiver slices the spans back out of the document's text (the same characters, in the same key).
 */
export interface PackedJob {
  job: ParsedJob;
  /** [start, end] of each passage's text in the document's text; -1, -1 for a text sent as it is. */
  spans: Int32Array<ArrayBuffer>;
}

export function packJob(job: ParsedJob): PackedJob {
  const { text, passages } = job.parsed.document;
  const spans = new Int32Array(passages.length * 2).fill(-1);
  let from = 0;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i]!;
    let start = text.indexOf(p.text, from);
    if (start < 0) start = text.indexOf(p.text);
    if (start < 0) continue;
    from = start;
    spans[2 * i] = start;
    spans[2 * i + 1] = start + p.text.length;
    p.text = "";
  }
  return { job, spans };
}

export function unpackJob({ job, spans }: PackedJob): ParsedJob {
  const { text, passages } = job.parsed.document;
  for (let i = 0; i < passages.length; i++) {
    const start = spans[2 * i]!;
    if (start >= 0) passages[i]!.text = text.slice(start, spans[2 * i + 1]);
  }
  return job;
}

/** A failure as data: a CorpusFileError's reason survives the trip between threads, anything else its message. */
export type JobError = { file: string; reason: string } | { message: string };

/** What a parse worker does for one file: the loader's own parse, then the per-file passes the main thread skips. */
export async function runParseJob(job: ParseJob): Promise<ParsedJob> {
  const parsed = await parseFile(job.path, job.docId, job.sidecar, job.maxBytes);
  const { document } = parsed;
  return { parsed, findings: findingsOf(document), textKey: needsTextKey(document) ? textKey(document) : null };
}

/** What a parse worker does with one file sent to it: parses it and replies, its result or its error. Never rejects. */
export async function replyToJob(port: MessagePort, id: number, job: ParseJob): Promise<void> {
  try {
    // Inside the try: a result that cannot be cloned is this file's error, not the worker's end.
    const packed = packJob(await runParseJob(job));
    port.postMessage({ id, result: packed }, [packed.spans.buffer]);
  } catch (err) {
    port.postMessage({ id, error: jobErrorOf(err) });
  }
}

export function jobErrorOf(err: unknown): JobError {
  if (err instanceof CorpusFileError) return { file: err.file, reason: err.reason };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** The error the loader reports, as the single-thread path would have thrown it. */
export function errorOfJob(error: JobError): Error {
  return "reason" in error ? new CorpusFileError(error.file, error.reason) : new Error(error.message);
}

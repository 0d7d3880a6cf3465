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

/** A failure as data: a CorpusFileError's reason survives the trip between threads, anything else its message. */
export type JobError = { file: string; reason: string } | { message: string };

/** What a parse worker does for one file: the loader's own parse, then the per-file passes the main thread skips. */
export async function runParseJob(job: ParseJob): Promise<ParsedJob> {
  const parsed = await parseFile(job.path, job.docId, job.sidecar, job.maxBytes);
  const { document } = parsed;
  return { parsed, findings: findingsOf(document), textKey: needsTextKey(document) ? textKey(document) : null };
}

export function jobErrorOf(err: unknown): JobError {
  if (err instanceof CorpusFileError) return { file: err.file, reason: err.reason };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** The error the loader reports, as the single-thread path would have thrown it. */
export function errorOfJob(error: JobError): Error {
  return "reason" in error ? new CorpusFileError(error.file, error.reason) : new Error(error.message);
}

import type { Corpus } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import type { ReloadReport, Reloader, ReloadSource } from "./types.ts";

export interface ReloaderDeps {
  /** Reads DATA_DIR into a new corpus; broken files are reported in it, not thrown. */
  load(): Promise<Corpus>;
  /** The corpus now serving. */
  current(): Corpus;
  /** Builds the index for the new corpus and puts it in service in one assignment. */
  swap(corpus: Corpus): void;
  /** Queues alerts for new and changed documents; returns how many. */
  announce?(corpus: Corpus): number;
  log: Logger;
}

/** Refuses a corpus that must not replace the one serving, with the reason. */
export function validateCorpus(corpus: Corpus): string | null {
  if (corpus.passages.length === 0) {
    const failed = corpus.reports.filter((r) => r.status === "error").length;
    return `no citable passage in the new corpus (${corpus.documents.size} documents, ${failed} unreadable files)`;
  }
  const ids = new Set<string>();
  for (const doc of corpus.documents.values()) {
    if (ids.has(doc.meta.docId)) return `duplicate document id "${doc.meta.docId}"`;
    ids.add(doc.meta.docId);
  }
  return null;
}

/**
 * Zero-downtime reload: the new corpus and index are built beside the old ones and swapped in one assignment, so a
 * question in flight finishes on the index it started with. One reload runs at a time; requests that arrive during
 * it are served by a single reload after it.
 */
export function createReloader(deps: ReloaderDeps): Reloader {
  let running: Promise<ReloadReport> | null = null;
  let queued: Promise<ReloadReport> | null = null;

  function reload(source: ReloadSource, by: number | string | null): Promise<ReloadReport> {
    if (!running) {
      running = reloadNow(deps, source, by).finally(() => {
        running = null;
      });
      return running;
    }
    // A reload is running: the files may have changed after it read them, so run once more after it.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return reload(source, by);
      });
    return queued;
  }
  return {
    reload,
    async settled() {
      while (running || queued) await (queued ?? running)?.catch(() => undefined);
    },
  };
}

/** Documents added, changed and removed by a reload, and the alerts it queued. */
interface Changes {
  added: string[];
  changed: string[];
  removed: string[];
  queued: number;
}

/** Loads, checks, compares and swaps in the new corpus; any failure leaves the old one serving. */
async function reloadNow(deps: ReloaderDeps, source: ReloadSource, by: number | string | null): Promise<ReloadReport> {
  const started = performance.now();
  const before = deps.current();
  const fail = (error: string, changes: Changes, files?: FileProblems, message = "failed") => {
    deps.log.error(`reload: ${message}, the old corpus keeps serving`, { source, by, error });
    return { ...failed(error, before, started, changes), ...files };
  };
  let corpus: Corpus;
  try {
    corpus = await deps.load();
  } catch (err) {
    return fail(`cannot read the corpus folder: ${(err as Error).message}`, noChanges());
  }
  const files = fileProblems(corpus);
  const refusal = validateCorpus(corpus);
  if (refusal) return fail(refusal, noChanges(), files, "refused");
  const changes = compareDocuments(before, corpus);
  try {
    deps.swap(corpus);
  } catch (err) {
    return fail(`cannot build the new index: ${(err as Error).message}`, changes, files);
  }
  try {
    changes.queued = deps.announce?.(corpus) ?? 0;
  } catch (err) {
    // The new corpus serves; only its alerts failed to queue. The next reload compares again and queues them.
    deps.log.error("reload: alerts could not be queued", { source, by, error: String(err) });
  }
  const report: ReloadReport = {
    ok: true,
    ...changes,
    documents: corpus.documents.size,
    passages: corpus.passages.length,
    ...files,
    ms: Math.round(performance.now() - started),
  };
  deps.log.info("reload: done", {
    source,
    by,
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    errors: files.fileErrors.length,
    ms: report.ms,
  });
  return report;
}

const noChanges = (): Changes => ({ added: [], changed: [], removed: [], queued: 0 });

type FileProblems = Pick<ReloadReport, "fileErrors" | "fileWarnings">;

/** The files the new corpus could not read, and those it read with warnings. */
function fileProblems(corpus: Corpus): FileProblems {
  return {
    fileErrors: corpus.reports.flatMap((r) => (r.status === "error" ? [{ file: r.file, error: r.error }] : [])),
    fileWarnings: corpus.reports
      .filter((r) => r.warnings.length > 0)
      .map((r) => ({ file: r.file, warnings: r.warnings })),
  };
}

/** Documents by id: new ones, ones whose content changed, ones gone. */
function compareDocuments(before: Corpus, corpus: Corpus): Changes {
  const changes = noChanges();
  for (const doc of corpus.documents.values()) {
    const old = before.documents.get(doc.meta.docId);
    if (!old) changes.added.push(doc.meta.docId);
    else if (old.contentHash !== doc.contentHash) changes.changed.push(doc.meta.docId);
  }
  for (const docId of before.documents.keys()) if (!corpus.documents.has(docId)) changes.removed.push(docId);
  return changes;
}

function failed(error: string, before: Corpus, started: number, base: Changes): ReloadReport {
  return {
    ok: false,
    error,
    ...base,
    documents: before.documents.size,
    passages: before.passages.length,
    fileErrors: [],
    fileWarnings: [],
    ms: Math.round(performance.now() - started),
  };
}

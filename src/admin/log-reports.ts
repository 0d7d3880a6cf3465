import type { FileReport } from "../corpus/types.ts";
import type { Logger } from "../log.ts";

/**
 * Files read with warnings logged one line each, up to this many: a folder of thousands of files without an issuer
 * line would bury the errors under warnings. The rest are one line; `npm run corpus:check` lists every file.
 */
export const WARNED_FILES_LOGGED = 20;

/** Every skipped file (error) one line each, files read with warnings one line each up to a cap, then a summary. */
export function logReports(reports: readonly FileReport[], log: Logger): void {
  const unlisted: string[] = [];
  let listed = 0;
  for (const r of reports) {
    if (r.status === "error") {
      log.error("corpus: file skipped", { file: r.file, error: r.error, warnings: r.warnings });
      continue;
    }
    if (!r.warnings.length) continue;
    if (listed >= WARNED_FILES_LOGGED) {
      unlisted.push(r.file);
      continue;
    }
    listed++;
    log.warn(`corpus: ${r.status === "ok" ? "file read with warnings" : "file skipped"}`, {
      file: r.file,
      warnings: r.warnings,
    });
  }
  if (unlisted.length)
    log.warn(`corpus: ${unlisted.length} more files read with warnings (npm run corpus:check lists each)`, {
      first: unlisted.slice(0, 5),
    });
}

/** The one line an unreadable file (a scan, an empty gazette page) is refused with. */
export const UNREADABLE = "no text beyond page headers and stamps — a scanned document? OCR is not supported";

/**
 * A corpus file that cannot be turned into a document. Names the file, says why in `reason` (what a person can
 * act on, without the file name: reports and replies put it beside the name) and keeps the underlying cause.
 */
export class CorpusFileError extends Error {
  override name = "CorpusFileError";
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`corpus: ${file}: ${reason}`, options);
  }
}

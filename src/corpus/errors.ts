/** The one line an unreadable file (a scan, an empty gazette page) is refused with. */
export const UNREADABLE = "no text beyond page headers and stamps — a scanned document? OCR is not supported";

/** A corpus file that cannot be turned into a document. Names the file and keeps the underlying cause. */
export class CorpusFileError extends Error {
  override name = "CorpusFileError";
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`corpus: ${file}: ${message}`, options);
  }
}

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

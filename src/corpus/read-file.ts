import { isAscii, isUtf8, transcode } from "node:buffer";
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { CorpusFileError } from "./errors.ts";
import { pdfPageLines, type PdfTextItem } from "./pdf-lines.ts";

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".docx", ".pdf"] as const;
export type SourceFormat = "txt" | "md" | "docx" | "pdf";

export interface SourceText {
  text: string;
  format: SourceFormat;
  /**
   * PDF text comes as visual lines: paragraphs must be rebuilt from line wraps. Undefined for plain text:
   * the cleaner tells from the lines themselves (text extracted from a PDF and saved as .txt is wrapped too).
   */
  hardWrapped: boolean | undefined;
}

export function formatOf(file: string): SourceFormat | null {
  const ext = extname(file).toLowerCase();
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext) ? (ext.slice(1) as SourceFormat) : null;
}

/** Reads one corpus file of any supported format into raw text. Throws CorpusFileError with a reason a person can act on. */
export async function readSourceFile(path: string, maxBytes: number): Promise<SourceText> {
  const name = basename(path);
  const format = formatOf(path);
  if (!format)
    throw new CorpusFileError(
      name,
      `unsupported file type "${extname(path)}" (supported: ${SUPPORTED_EXTENSIONS.join(", ")})`,
    );
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CorpusFileError(name, "not a regular file");
    size = info.size;
  } catch (err) {
    if (err instanceof CorpusFileError) throw err;
    throw new CorpusFileError(name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
  if (size > maxBytes) {
    throw new CorpusFileError(
      name,
      `file too large: ${(size / 1048576).toFixed(1)} MB exceeds the ${(maxBytes / 1048576).toFixed(0)} MB limit`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new CorpusFileError(name, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
  return decodeSource(name, format, bytes);
}

export async function decodeSource(name: string, format: SourceFormat, bytes: Uint8Array): Promise<SourceText> {
  switch (format) {
    case "txt":
    case "md":
      return { text: decodeUtf8Text(name, bytes), format, hardWrapped: undefined };
    case "docx":
      return { text: await readDocx(name, bytes), format, hardWrapped: false };
    case "pdf":
      return { text: await readPdf(name, bytes), format, hardWrapped: true };
  }
}

const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

function decodeUtf8Text(name: string, bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes.subarray(2));
  }
  // isUtf8 validates in native code, several times faster than a fatal TextDecoder on a large file.
  if (!isUtf8(bytes)) {
    throw new CorpusFileError(
      name,
      "not UTF-8 text (binary file or a legacy encoding such as TCVN3/VNI; save it as UTF-8)",
    );
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = utf8Text(buffer);
  // Control characters other than tab/newline/form feed mean a binary file that happens to decode. Each is one
  // byte of its own in UTF-8 (never part of another character's bytes): looked for in the bytes first.
  const controls = hasControlByte(buffer) ? (text.match(CONTROLS)?.length ?? 0) : 0;
  if (controls > 0 && controls / Math.max(1, text.length) > 0.001) {
    throw new CorpusFileError(name, `binary content: ${controls} control characters in ${text.length} characters`);
  }
  return text.replace(/^\uFEFF/, "");
}

/**
 * Valid UTF-8 as a string; invalid bytes throw. Through UTF-16 rather than toString("utf8"): V8's own UTF-8
 * decoding runs at ≈ 150 MB/s into the two-byte strings Vietnamese text needs, ICU's transcoding plus a UTF-16 copy
 * at 2–3 times that. ASCII (a byte per character either way) is copied as it is.
 */
export function utf8Text(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString("latin1");
  return transcode(buffer, "utf8", "ucs2").toString("ucs2");
}

/** The bytes of the characters CONTROLS matches. */
const CONTROL_BYTES = [...Array(0x20).keys()].filter((b) => b < 9 || b > 13).concat(0x7f);

/** Any control byte: a native byte search per value, far cheaper than one regex scan of the decoded text. */
function hasControlByte(buffer: Buffer): boolean {
  return CONTROL_BYTES.some((b) => buffer.indexOf(b) >= 0);
}

async function readDocx(name: string, bytes: Uint8Array): Promise<string> {
  const mammoth = await import("mammoth");
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch (err) {
    throw new CorpusFileError(name, `not a readable .docx: ${(err as Error).message}`, { cause: err });
  }
}

async function readPdf(name: string, bytes: Uint8Array): Promise<string> {
  const { getDocumentProxy } = await import("unpdf");
  const pages: string[] = [];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pdfPageLines(content.items as PdfTextItem[]).join("\n"));
      page.cleanup();
    }
    await pdf.destroy();
  } catch (err) {
    throw new CorpusFileError(name, `not a readable PDF: ${(err as Error).message}`, { cause: err });
  }
  const text = pages.join("\n\f\n");
  if (text.replace(/\s+/g, "").length === 0) {
    throw new CorpusFileError(
      name,
      "PDF has no text layer; OCR is not supported (export the PDF from the original document, or convert it to .docx/.txt)",
    );
  }
  return text;
}

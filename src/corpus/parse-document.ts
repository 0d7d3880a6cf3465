import { createHash } from "node:crypto";
import { cleanText } from "./clean-text.ts";
import { extractHeader } from "./extract-metadata.ts";
import { hasTwoLetters } from "./letters.ts";
import { splitAppendices } from "./split-appendices.ts";
import { splitPassages } from "./split-passages.ts";
import type { CorpusDocument, DocumentMeta, Sidecar } from "./types.ts";

export interface ParseInput {
  docId: string;
  file: string;
  text: string;
  /** True for PDF text, false for .docx; undefined lets the cleaner tell from the lines. */
  hardWrapped?: boolean | undefined;
  sidecar?: Sidecar | null;
}

export interface ParsedDocument {
  document: CorpusDocument;
  warnings: string[];
}

/** Pure: one file's raw text (and optional sidecar) → a document with metadata and citable passages. */
export function parseDocument({ docId, file, text, hardWrapped, sidecar }: ParseInput): ParsedDocument {
  const lines = cleanText(text, hardWrapped === undefined ? {} : { hardWrapped });
  const header = extractHeader(lines);
  const warnings = [...header.warnings];
  const gap = header.bodyGap;
  const body = gap
    ? [...lines.slice(header.bodyStart, gap.start), ...lines.slice(gap.end, header.bodyEnd)]
    : lines.slice(header.bodyStart, header.bodyEnd);
  const split = splitPassages(body, { docId });
  split.push(...splitAppendices(lines.slice(header.appendixStart), { docId, from: split.length }));
  // A passage without words (a table's number cell, a rule line) answers nothing.
  const passages = split.filter((p) => hasTwoLetters(p.text));
  if (passages.length < split.length) passages.forEach((p, i) => (p.order = i));
  if (lines.length === 0) warnings.push("empty file: no text after cleaning");
  else if (passages.length === 0) warnings.push("no passages: the body could not be found");

  const meta: DocumentMeta = {
    docId,
    title: header.title,
    type: header.type,
    number: header.number,
    date: header.date,
    issuer: header.issuer,
    signer: header.signer,
    signerTitle: header.signerTitle,
    recipients: header.recipients,
    legalBases: header.legalBases,
    sourceUrl: null,
    tags: [],
    copiedBy: header.copiedBy,
  };
  if (sidecar) {
    for (const key of ["title", "type", "number", "issuer", "date", "signer", "sourceUrl"] as const) {
      if (sidecar[key] !== undefined) meta[key] = sidecar[key];
    }
    if (sidecar.tags) meta.tags = sidecar.tags;
    // A sidecar that fills a gap silences the matching warning.
    const filled = (["type", "number", "date", "issuer", "signer"] as const).filter((k) => sidecar[k] !== undefined);
    for (const k of filled) {
      const i = warnings.findIndex((w) => w.includes(k === "date" ? "issue date" : k === "type" ? "document type" : k));
      if (i >= 0) warnings.splice(i, 1);
    }
  }
  const cleaned = lines.join("\n");
  const contentHash = createHash("sha256")
    .update(cleaned)
    .update(JSON.stringify({ ...meta, docId: undefined }))
    .digest("hex")
    .slice(0, 32);
  const declared =
    sidecar && (sidecar.status !== undefined || sidecar.supersededBy !== undefined)
      ? { status: sidecar.status, supersededBy: sidecar.supersededBy }
      : undefined;
  return {
    document: { meta, passages, text: cleaned, contentHash, file, ...(declared ? { declared } : {}) },
    warnings,
  };
}

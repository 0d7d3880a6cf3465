import type { DocumentMeta, FileReport } from "./types.ts";

/** The contract's metadata fields: the document's own, with its id nullable and its validity null until known. */
type ReportMeta = Pick<
  DocumentMeta,
  "type" | "number" | "date" | "issuer" | "title" | "signer" | "signerTitle" | "recipients" | "legalBases"
> & { docId: string | null; status: string | null; supersededBy: string | null };

/** What `corpus:check --json` prints for one file (DESIGN.md): status and supersession are null until known. */
export interface ReportJson {
  file: string;
  ok: boolean;
  error: string | null;
  warnings: string[];
  meta: ReportMeta | null;
  passages: number;
}

export function reportJson(report: FileReport): ReportJson {
  if (report.status !== "ok") {
    const error = report.status === "error" ? report.error : null;
    return { file: report.file, ok: false, error, warnings: report.warnings, meta: null, passages: 0 };
  }
  const m = report.meta as typeof report.meta & { status?: string | null; supersededBy?: string | null };
  return {
    file: report.file,
    ok: true,
    error: null,
    warnings: report.warnings,
    meta: {
      docId: m.docId,
      type: m.type,
      number: m.number,
      date: m.date,
      issuer: m.issuer,
      title: m.title,
      signer: m.signer,
      signerTitle: m.signerTitle,
      recipients: m.recipients,
      legalBases: m.legalBases,
      status: m.status ?? null,
      supersededBy: m.supersededBy ?? null,
    },
    passages: report.passages,
  };
}

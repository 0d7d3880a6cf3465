import type { FileReport } from "./types.ts";

/** What `corpus:check --json` prints for one file (DESIGN.md): status and supersession are null until known. */
export interface ReportJson {
  file: string;
  ok: boolean;
  error: string | null;
  warnings: string[];
  meta: {
    docId: string | null;
    type: string | null;
    number: string | null;
    date: string | null;
    issuer: string | null;
    title: string | null;
    signer: string | null;
    signerTitle: string | null;
    recipients: string[];
    legalBases: string[];
    status: string | null;
    supersededBy: string | null;
  } | null;
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

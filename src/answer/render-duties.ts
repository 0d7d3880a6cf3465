import type { CorpusDocument, Deadline, DocumentRef, Role } from "../corpus/types.ts";
import { documentName } from "../corpus/link-documents.ts";
import type { DutyMessages } from "../i18n/duties.ts";

/** What the notes need: the contract's fields, and the replacing document's name when the answer has it. */
export interface DutyView {
  status: "in-force" | "superseded" | null;
  supersededBy: string | null;
  deadline: Deadline | null;
  role: Role | null;
  supersededByName?: string | null;
  inList?: boolean;
}

/** Plain-text notes under an answer (each channel escapes them): validity label, deadline, role. */
export function dutyNotes(a: DutyView, d: DutyMessages): string[] {
  const notes: string[] = [];
  if (a.status === "superseded") {
    const by = a.supersededByName ?? a.supersededBy;
    notes.push(by ? d.supersededBy(by) : d.superseded);
  }
  if (a.deadline) notes.push(d.deadline(a.deadline.text));
  if (a.role) notes.push(d.role(a.role));
  else if (a.inList) notes.push(d.inList);
  return notes;
}

/** "⚠ Đã được thay thế bởi Công văn số 300-CV/HU …", or null for a document in force. */
export function supersededLabel(doc: CorpusDocument, d: DutyMessages): string | null {
  if (doc.meta.status !== "superseded") return null;
  const by = doc.links?.replacedByName ?? doc.meta.supersededBy;
  return by ? d.supersededBy(by) : d.superseded;
}

export function refName(ref: DocumentRef): string {
  const date = ref.date
    ? ` ngày ${Number(ref.date.slice(8))}/${Number(ref.date.slice(5, 7))}/${ref.date.slice(0, 4)}`
    : "";
  return `${ref.type ?? "Văn bản"}${ref.number ? ` số ${ref.number}` : ""}${date}`;
}

export interface RelatedEntry {
  name: string;
  /** docId when the document is in the corpus. */
  docId: string | null;
}

export interface RelatedGroups {
  cites: RelatedEntry[];
  citedBy: RelatedEntry[];
  replaces: RelatedEntry[];
  replacedBy: RelatedEntry[];
}

/** What a document cites, what cites it, what it replaces and what replaced it, with corpus ids for links. */
export function relatedDocuments(
  doc: CorpusDocument,
  lookup: (docId: string) => CorpusDocument | undefined,
): RelatedGroups {
  const links = doc.links;
  const named = (docId: string): RelatedEntry => {
    const other = lookup(docId);
    return { name: other ? documentName(other) : docId, docId: other ? docId : null };
  };
  const fromRef = (r: DocumentRef): RelatedEntry =>
    r.docId && lookup(r.docId) ? named(r.docId) : { name: refName(r), docId: null };
  const replaced = new Set((links?.replaces ?? []).map((r) => r.docId ?? refName(r)));
  return {
    cites: (links?.cites ?? []).filter((r) => !replaced.has(r.docId ?? refName(r))).map(fromRef),
    citedBy: (links?.citedBy ?? []).filter((id) => id !== links?.replacedBy).map(named),
    replaces: (links?.replaces ?? []).map(fromRef),
    replacedBy: links?.replacedBy ? [named(links.replacedBy)] : [],
  };
}

import { z } from "zod";

/** Sidecar `NAME.meta.json`: overrides for what the text itself does not say. `null` means "known to be unknown". */
export const sidecarSchema = z
  .object({
    title: z.string().min(1).nullable(),
    type: z.string().min(1).nullable(),
    number: z.string().min(1).nullable(),
    issuer: z.string().min(1).nullable(),
    date: z.iso.date().nullable(),
    signer: z.string().min(1).nullable(),
    sourceUrl: z.url().nullable(),
    tags: z.array(z.string()),
    // Validity set by hand when the text does not say it (see link-documents.ts).
    status: z.enum(["in-force", "superseded"]).nullable(),
    supersededBy: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

export type Sidecar = z.infer<typeof sidecarSchema>;

export interface DocumentMeta {
  docId: string;
  title: string | null;
  type: string | null;
  number: string | null;
  /** ISO date `YYYY-MM-DD`. */
  date: string | null;
  issuer: string | null;
  signer: string | null;
  /** The signer's position as the signature block gives it: "Phó Thủ tướng", "Thứ trưởng". */
  signerTitle: string | null;
  recipients: string[];
  /** The preamble's legal bases ("Căn cứ Luật Tổ chức Chính phủ …", "Theo đề nghị của …"), in order. */
  legalBases: string[];
  sourceUrl: string | null;
  tags: string[];
  /** Set when the file is a certified copy ("Sao y bản chính"): the office that copied it. */
  copiedBy: string | null;
  /** Validity within the corpus (link-documents.ts); a sidecar may set both by hand. */
  status?: DocumentStatus | null;
  /** docId of the document that replaced or annulled this one. */
  supersededBy?: string | null;
}

export type DocumentStatus = "in-force" | "superseded";
export type Role = "chủ trì" | "phối hợp";

/** A deadline a passage sets: a calendar date when it names one, always the words that set it. */
export interface Deadline {
  /** ISO `YYYY-MM-DD`; null for relative or recurring deadlines ("trong vòng 48 giờ", "hằng tuần"). */
  date: string | null;
  text: string;
}

/** Another document named in a text: "Công văn số 215-CV/HU ngày 01/7/2021". */
export interface DocumentRef {
  type: string | null;
  /** null when the text cites the document by type and date only. */
  number: string | null;
  /** ISO date when the reference gives one. */
  date: string | null;
  /** The document in the corpus it names, when there is one. */
  docId: string | null;
}

/** How a document relates to the others: filled after loading by link-documents.ts. */
export interface DocumentLinks {
  cites: DocumentRef[];
  citedBy: string[];
  replaces: DocumentRef[];
  replacedBy: string | null;
}

export interface Passage {
  /** `docId#anchor`, stable across reloads while the document's structure is unchanged. */
  id: string;
  docId: string;
  anchor: string;
  /** Label as the document writes it: "2.1", "Điều 32", "Điều 32, khoản 2"; null for unnumbered paragraphs. */
  section: string | null;
  /** Text of the enclosing item or article heading, when there is one. */
  heading: string | null;
  /** The body this passage assigns work to, when the item names one. */
  actor: string | null;
  text: string;
  /** Position within the document, from 0. */
  order: number;
  /** Deadlines the passage sets, dated ones first by date (link-documents.ts). */
  deadlines?: Deadline[];
  /** The actor's role in this item ("X chủ trì, phối hợp với Y"), when the text says it. */
  role?: Role | null;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  passages: Passage[];
  /** The cleaned text, for the viewer and "full text" requests. */
  text: string;
  /** Hash of the cleaned text plus effective metadata, used to detect real changes between loads. */
  contentHash: string;
  file: string;
  /** Cites / cited by / replaces / replaced by, once the corpus is linked. */
  links?: DocumentLinks;
  /** Validity a sidecar sets by hand: it wins over what the corpus's texts say. */
  declared?: { status?: DocumentStatus | null; supersededBy?: string | null };
}

export type FileReport =
  | { file: string; docId: string; status: "ok"; passages: number; warnings: string[]; meta: DocumentMeta }
  | { file: string; docId: string | null; status: "skipped"; warnings: string[] }
  | { file: string; docId: string | null; status: "error"; error: string; warnings: string[] };

export interface Corpus {
  documents: Map<string, CorpusDocument>;
  passages: Passage[];
  reports: FileReport[];
  loadedAt: Date;
}

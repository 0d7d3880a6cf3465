import type { CorpusDocument, DocumentMeta } from "../corpus/types.ts";
import type { Messages } from "../i18n/messages.ts";

/** What a citation names of a document; a document's metadata and an answer both have it. */
export type DocumentCard = Pick<DocumentMeta, "docId" | "type" | "number" | "date" | "issuer">;

/** Where a document lives: its own link when it has one, else the viewer. */
export type DocumentLink = Pick<DocumentMeta, "docId"> & { sourceUrl: string | null | undefined };

/**
 * The one viewer-URL builder: the document's sourceUrl when it has one, else `<base>/d/<docId>[?q=…][#anchor]`.
 * `base` is PUBLIC_BASE_URL for links that leave the server, "" for the web page's own links.
 */
export function documentUrl(base: string, doc: DocumentLink, at: ViewerPlace = {}): string {
  return doc.sourceUrl ? doc.sourceUrl : viewerUrl(base, doc.docId, at);
}

/** A place in the viewer: the passage's anchor, and the question whose words it marks. */
export interface ViewerPlace {
  anchor?: string;
  q?: string;
}

/** The document viewer on this server, whatever links the document has: `<base>/d/<docId>[?q=…][#anchor]`. */
export function viewerUrl(base: string, docId: string, at: ViewerPlace = {}): string {
  const query = at.q ? `?q=${encodeURIComponent(at.q)}` : "";
  const hash = at.anchor ? `#${encodeURIComponent(at.anchor)}` : "";
  return `${base}/d/${encodeURIComponent(docId)}${query}${hash}`;
}

/** "Chỉ thị số 146-CV/TU ngày 4/5/2021 · Ban Thường vụ …" in the reader's language, from what is known. */
export function citeDocument(card: DocumentCard, t: Messages): string {
  const parts = [card.type ?? card.docId];
  if (card.number) parts.push(`${t.fields.number} ${card.number}`);
  if (card.date) parts.push(`${t.fields.date} ${formatDate(card.date)}`);
  const head = parts.join(" ");
  return card.issuer ? `${head} · ${card.issuer}` : head;
}

/** ISO date as Vietnamese write it: 2021-05-04 → 4/5/2021. */
export function formatDate(iso: string): string {
  const [y, mo, d] = iso.split("-");
  return `${Number(d)}/${Number(mo)}/${y}`;
}

/** Documents newest first (undated last), ties by id: the order of every document list. */
export function newestFirst(documents: Iterable<CorpusDocument>): CorpusDocument[] {
  return [...documents].sort(
    (a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "") || a.meta.docId.localeCompare(b.meta.docId),
  );
}

import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import type { Lang } from "../i18n/lang.ts";
import { matchDocuments, numberParts, parseDocumentRefs, type MetaField, type RefTarget } from "./document-ref.ts";
import type { SearchHit } from "./types.ts";

/** The document a question names, and the metadata it asks for. */
export interface NamedDocument {
  document: CorpusDocument;
  asks: MetaField | null;
  score: number;
}

export interface DocumentLookup {
  /** The document `question` names, when the corpus holds it. */
  find(question: string): NamedDocument | null;
}

/** Preamble lines: the legal bases and proposals a decision rests on, not what it decides. */
const PREAMBLE = /^\s*(căn cứ|theo đề nghị|xét đề nghị|xét tờ trình|theo tờ trình)\b/iu;
const APPENDIX = /^(phụ lục|mẫu|danh mục)/iu;

/** What a lookup cites: the first numbered item or article; else the first paragraph that is not preamble. */
export function firstOperativePassage(doc: CorpusDocument): Passage | undefined {
  const body = doc.passages.filter((p) => !PREAMBLE.test(p.text));
  return body.find((p) => p.section && !APPENDIX.test(p.section)) ?? body[0] ?? doc.passages[0];
}

/** The corpus's documents by number, built once per index. */
export function createDocumentLookup(corpus: Corpus): DocumentLookup {
  const targets: (RefTarget & { document: CorpusDocument })[] = [];
  for (const document of corpus.documents.values()) {
    if (document.passages.length === 0) continue;
    const m = document.meta;
    targets.push({
      docId: m.docId,
      type: m.type,
      number: m.number,
      date: m.date,
      issuer: m.issuer,
      document,
      parts: m.number ? numberParts(m.number) : [],
    });
  }
  const byId = new Map(targets.map((t) => [t.docId, t.document]));
  return {
    find(question) {
      for (const ref of parseDocumentRefs(question)) {
        const best = matchDocuments(ref, targets)[0];
        const document = best && byId.get(best.docId);
        if (document) return { document, asks: ref.asks, score: best.score };
      }
      return null;
    },
  };
}

/**
 * The named document first, cited by its first operative passage; then the content answers, without repeating
 * that passage. A lookup answers even when content ranking finds nothing: the question is about the document.
 */
export function withLookup(named: NamedDocument, hits: SearchHit[], lang: Lang, limit: number): SearchHit[] {
  const passage = firstOperativePassage(named.document);
  if (!passage) return hits;
  const top = hits[0]?.score ?? 0;
  const own = hits.find((h) => h.passage.id === passage.id);
  const first: SearchHit = {
    passage,
    document: named.document,
    score: Math.max(1, top) + 0.001,
    terms: own?.terms ?? [],
    lookup: { asks: named.asks, lang },
  };
  return [first, ...hits.filter((h) => h.passage.id !== passage.id)].slice(0, limit);
}

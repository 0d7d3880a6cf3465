import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import type { Lang } from "../i18n/lang.ts";
import { matchDocuments, numberParts, parseDocumentRefs, type MetaField, type RefTarget } from "./document-ref.ts";
import type { SearchHit } from "./types.ts";

/** The document a question names, and the metadata it asks for. */
export interface NamedDocument {
  document: CorpusDocument;
  asks: MetaField | null;
  score: number;
  /**
   * Documents the question names as well as it names `document` ("thông tư số 07/2024" when two ministries each
   * issued a Thông tư 07/2024): cited right after it, newest first, so the user sees every one the words fit.
   */
  alike: CorpusDocument[];
  /** The question says more than the reference ("… phải báo cáo về cơ quan nào?"): it asks the document's content. */
  asksContent: boolean;
}

/** Equally named documents cited beside the first: more would push every content answer off the page. */
const MAX_ALIKE = 4;

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
        const matches = matchDocuments(ref, targets);
        const best = matches[0];
        const tied = matches.filter((m) => m.score === best?.score).map((m) => byId.get(m.docId)!);
        tied.sort((a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? ""));
        const [document, ...alike] = tied;
        if (document && best) {
          const asksContent = ref.asks === null && ref.words.length > 0;
          return { document, asks: ref.asks, score: best.score, alike: alike.slice(0, MAX_ALIKE), asksContent };
        }
      }
      return null;
    },
  };
}

/**
 * The named document first, cited by its first operative passage, then the documents named as well; then the
 * content answers, without repeating those passages. A lookup answers even when content ranking finds nothing:
 * the question is about the document.
 */
export function withLookup(named: NamedDocument, hits: SearchHit[], lang: Lang, limit: number): SearchHit[] {
  const top = Math.max(1, hits[0]?.score ?? 0);
  const firsts: SearchHit[] = [];
  [named.document, ...named.alike].forEach((document, i) => {
    const passage = firstOperativePassage(document);
    if (!passage) return;
    const own = hits.find((h) => h.passage.id === passage.id);
    // Just above the best content answer, in the lookup's order.
    const score = top + 0.001 * (named.alike.length + 1 - i);
    firsts.push({ passage, document, score, terms: own?.terms ?? [], lookup: { asks: named.asks, lang } });
  });
  if (firsts.length === 0) return hits;
  const cited = new Set(firsts.map((h) => h.passage.id));
  return [...firsts, ...hits.filter((h) => !cited.has(h.passage.id))].slice(0, limit);
}

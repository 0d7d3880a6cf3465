import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import { matchDocuments, parseDocumentRef } from "../search/document-ref.ts";
import { fold } from "../search/normalize.ts";
import type { SearchHit } from "../search/types.ts";

/**
 * "Công văn 215 còn hiệu lực không?", "Is directive 05-CT/TU still in force?": the named document first, carrying
 * its status, then the passage of the document that replaced it which says so.
 */

const ASKS_VALIDITY =
  /(con|het|co con) (hieu luc|gia tri)|(duoc|bi|da bi|da duoc) (thay the|bai bo|huy bo)|con ap dung|still (in force|valid|applicable|effective)|superseded|replaced|repealed|annulled|\bin force\b/;

/** Is the question about a document's validity? The document it names is found as the lookup finds it. */
export function asksValidity(question: string): boolean {
  return ASKS_VALIDITY.test(fold(question.normalize("NFC")).toLowerCase());
}

const key = (s: string) => fold(s).replace(/\s+/g, "").toLowerCase();

/** Documents the question names, best first (ties kept: "Công văn 215" may name two letters). */
export function documentsNamed(question: string, corpus: Corpus): CorpusDocument[] {
  const ref = parseDocumentRef(question);
  if (!ref) return [];
  const targets = [...corpus.documents.values()].map((d) => ({
    docId: d.meta.docId,
    type: d.meta.type,
    number: d.meta.number,
    date: d.meta.date,
    issuer: d.meta.issuer,
  }));
  const found = matchDocuments(ref, targets);
  const best = found[0]?.score ?? 0;
  return found.filter((f) => f.score >= best).map((f) => corpus.documents.get(f.docId)!);
}

/** The replacing document's passage that names the replaced one. */
function replacingPassage(replacer: CorpusDocument, replaced: CorpusDocument): Passage | undefined {
  const number = replaced.meta.number ? key(replaced.meta.number) : null;
  const says = (p: Passage) => /thay the|bai bo|huy bo|hieu luc/.test(fold(p.text).toLowerCase());
  return (
    replacer.passages.find((p) => says(p) && (!number || key(p.text).includes(number))) ?? replacer.passages.find(says)
  );
}

export function validityHits(question: string, corpus: Corpus): SearchHit[] {
  if (!asksValidity(question)) return [];
  const hits: SearchHit[] = [];
  for (const doc of documentsNamed(question, corpus)) {
    const first = doc.passages.find((p) => p.section !== null) ?? doc.passages[0];
    if (!first) continue;
    hits.push({ passage: first, document: doc, score: 1, terms: [] });
    const replacer = doc.meta.supersededBy ? corpus.documents.get(doc.meta.supersededBy) : undefined;
    const says = replacer && replacingPassage(replacer, doc);
    if (replacer && says) hits.push({ passage: says, document: replacer, score: 0.9, terms: ["thay", "the"] });
  }
  return hits;
}

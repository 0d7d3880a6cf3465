import type { Corpus, CorpusDocument, Passage } from "../corpus/types.ts";
import { fold } from "../search/normalize.ts";
import type { SearchHit } from "../search/types.ts";

/**
 * "Công văn 215 còn hiệu lực không?", "Is directive 05-CT/TU still in force?": the named document first, carrying
 * its status, then the passage of the document that replaced it which says so.
 */

const ASKS_VALIDITY = /(con|het|co con) (hieu luc|gia tri)|(duoc|bi|da bi|da duoc) (thay the|bai bo|huy bo)|con ap dung|still (in force|valid|applicable|effective)|superseded|replaced|repealed|annulled|\bin force\b/;
const TYPES = ["cong van", "chi thi", "quyet dinh", "thong bao", "ke hoach", "nghi quyet", "huong dan", "cong dien", "ket luan"];
const EN_TYPES: Record<string, string> = { letter: "cong van", "official letter": "cong van", directive: "chi thi", decision: "quyet dinh", notice: "thong bao", plan: "ke hoach", resolution: "nghi quyet" };
const NUMBER = /(\d+)((?:[/-][\p{L}\p{N}]+)*)/u;

export interface ValidityQuestion {
  /** Folded type ("cong van"), when the question names one. */
  type: string | null;
  /** The number as asked: whole ("215-CV/HU") or its first part ("215"). */
  number: string;
}

export function parseValidityQuestion(question: string): ValidityQuestion | null {
  const q = fold(question.normalize("NFC")).toLowerCase();
  if (!ASKS_VALIDITY.test(q)) return null;
  const n = NUMBER.exec(q);
  if (!n) return null;
  const before = q.slice(0, n.index);
  const type = TYPES.find((t) => before.includes(t)) ?? Object.entries(EN_TYPES).find(([en]) => before.includes(en))?.[1] ?? null;
  return { type, number: n[0] };
}

const key = (s: string) => fold(s).replace(/\s+/g, "").toLowerCase();

/** Documents whose number is the asked one, or starts with it ("215" → "215-CV/HU"). */
export function documentsNamed(q: ValidityQuestion, corpus: Corpus): CorpusDocument[] {
  const asked = key(q.number);
  return [...corpus.documents.values()].filter((d) => {
    if (!d.meta.number) return false;
    const n = key(d.meta.number);
    const sameNumber = n === asked || (!/[/-]/.test(asked) && (n.startsWith(`${asked}-`) || n.startsWith(`${asked}/`)));
    return sameNumber && (!q.type || fold(d.meta.type ?? "").toLowerCase() === q.type);
  });
}

/** The replacing document's passage that names the replaced one. */
function replacingPassage(replacer: CorpusDocument, replaced: CorpusDocument): Passage | undefined {
  const number = replaced.meta.number ? key(replaced.meta.number) : null;
  const says = (p: Passage) => /thay the|bai bo|huy bo|hieu luc/.test(fold(p.text).toLowerCase());
  return replacer.passages.find((p) => says(p) && (!number || key(p.text).includes(number))) ?? replacer.passages.find(says);
}

export function validityHits(q: ValidityQuestion, corpus: Corpus): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const doc of documentsNamed(q, corpus)) {
    const first = doc.passages.find((p) => p.section !== null) ?? doc.passages[0];
    if (!first) continue;
    hits.push({ passage: first, document: doc, score: 1, terms: [] });
    const replacer = doc.meta.supersededBy ? corpus.documents.get(doc.meta.supersededBy) : undefined;
    const says = replacer && replacingPassage(replacer, doc);
    if (replacer && says) hits.push({ passage: says, document: replacer, score: 0.9, terms: ["thay", "the"] });
  }
  return hits;
}

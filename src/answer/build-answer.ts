import type { DocumentMeta } from "../corpus/types.ts";
import { makeExcerpt, type Excerpt } from "../search/excerpt.ts";
import { detectLanguage } from "../search/parse-query.ts";
import type { SearchHit, SearchIndex } from "../search/types.ts";

/** One cited answer, exactly the DESIGN.md contract. */
export interface Answer {
  docId: string;
  title: string | null;
  type: string | null;
  number: string | null;
  issuer: string | null;
  date: string | null;
  signer: string | null;
  section: string | null;
  actor: string | null;
  excerpt: string;
  passage: string;
  url: string;
  score: number;
}

export interface AnswerSet {
  query: string;
  lang: "vi" | "en";
  answers: Answer[];
}

export interface AnswerDeps {
  index: SearchIndex;
  publicBaseUrl: string;
}

export function citationUrl(hit: SearchHit, publicBaseUrl: string): string {
  if (hit.document.meta.sourceUrl) return hit.document.meta.sourceUrl;
  return `${publicBaseUrl}/d/${encodeURIComponent(hit.passage.docId)}#${encodeURIComponent(hit.passage.anchor)}`;
}

export function answerQuestion(query: string, limit: number, { index, publicBaseUrl }: AnswerDeps): AnswerSet {
  const q = query.normalize("NFC").trim();
  const result = index.query ? index.query(q, limit) : { hits: index.search(q, limit), lang: detectLanguage(q) };
  const { hits } = result;
  return {
    query: q,
    lang: result.lang,
    answers: hits.map((hit) => toAnswer(hit, publicBaseUrl)),
  };
}

/** One search hit as the contract's answer object. */
export function toAnswer(hit: SearchHit, publicBaseUrl: string): Answer {
  const m = hit.document.meta;
  return {
    docId: m.docId,
    title: m.title,
    type: m.type,
    number: m.number,
    issuer: m.issuer,
    date: m.date,
    signer: m.signer,
    section: hit.passage.section,
    actor: hit.passage.actor,
    excerpt: excerptFor(hit).text,
    passage: hit.passage.text,
    url: citationUrl(hit, publicBaseUrl),
    score: Math.round(hit.score * 1000) / 1000,
  };
}

/** What a hit shows: the metadata it was asked for ("Ai ký …?"), else the best sentences of its passage. */
export function excerptFor(hit: SearchHit): Excerpt {
  const fact = hit.lookup?.asks ? metadataFact(hit.document.meta, hit.lookup.asks, hit.lookup.lang) : null;
  return fact ? { text: fact, highlights: [] } : makeExcerpt(hit.passage.text, hit.terms);
}

const dmy = (iso: string) => iso.split("-").reverse().map(Number).join("/");

/**
 * One sentence answering a metadata question from the document's card, in the question's language. Unknown
 * metadata is said to be unknown, never guessed.
 */
export function metadataFact(m: DocumentMeta, asks: "signer" | "date" | "issuer", lang: "vi" | "en"): string {
  const name = [m.type, m.number].filter(Boolean).join(" ") || m.title || m.docId;
  const about = m.title ? ` (${m.title.length > 160 ? `${m.title.slice(0, m.title.lastIndexOf(" ", 160))} …` : m.title})` : "";
  const signerTitle = (m as { signerTitle?: string | null }).signerTitle ?? null;
  const signer = m.signer ? (signerTitle ? `${m.signer} (${signerTitle})` : m.signer) : null;
  if (lang === "en") {
    if (asks === "signer") return signer ? `${name}${about} was signed by ${signer}${m.date ? ` on ${m.date}` : ""}.` : `${name}${about}: the text does not name its signer.`;
    if (asks === "date") return m.date ? `${name}${about} was issued on ${m.date}${m.issuer ? ` by ${m.issuer}` : ""}.` : `${name}${about}: the text gives no issue date.`;
    return m.issuer ? `${name}${about} was issued by ${m.issuer}${m.date ? ` on ${m.date}` : ""}.` : `${name}${about}: the text does not name its issuer.`;
  }
  if (asks === "signer") return signer ? `${name}${about} do ${signer} ký${m.date ? ` ngày ${dmy(m.date)}` : ""}.` : `${name}${about}: văn bản không ghi người ký.`;
  if (asks === "date") return m.date ? `${name}${about} ban hành ngày ${dmy(m.date)}${m.issuer ? `, cơ quan ban hành: ${m.issuer}` : ""}.` : `${name}${about}: văn bản không ghi ngày ban hành.`;
  return m.issuer ? `${name}${about} do ${m.issuer} ban hành${m.date ? ` ngày ${dmy(m.date)}` : ""}.` : `${name}${about}: văn bản không ghi cơ quan ban hành.`;
}

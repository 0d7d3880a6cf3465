import { makeExcerpt } from "../search/excerpt.ts";
import { detectLanguage } from "../search/parse-query.ts";
import type { SearchHit, SearchIndex } from "../search/types.ts";
import type { Deadline, DocumentStatus, Role } from "../corpus/types.ts";

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
  signerTitle: string | null;
  status: DocumentStatus | null;
  supersededBy: string | null;
  deadline: Deadline | null;
  role: Role | null;
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
    excerpt: makeExcerpt(hit.passage.text, hit.terms).text,
    passage: hit.passage.text,
    url: citationUrl(hit, publicBaseUrl),
    score: Math.round(hit.score * 1000) / 1000,
    ...dutyFields(hit),
  };
}

/** Validity, deadline and role (issue 15); the signer's title once the parser gives it. */
function dutyFields(hit: SearchHit): Pick<Answer, "signerTitle" | "status" | "supersededBy" | "deadline" | "role"> {
  const m = hit.document.meta as typeof hit.document.meta & { signerTitle?: string | null };
  return {
    signerTitle: m.signerTitle ?? null,
    status: m.status ?? null,
    supersededBy: m.supersededBy ?? null,
    deadline: hit.deadline !== undefined ? hit.deadline : (hit.passage.deadlines?.[0] ?? null),
    role: hit.role !== undefined ? hit.role : (hit.passage.role ?? null),
  };
}

import type { Deadline, DocumentMeta, DocumentStatus, Role } from "../corpus/types.ts";
import type { Lang } from "../i18n/lang.ts";
import { makeExcerpt, type Excerpt } from "../search/excerpt.ts";
import type { Intent, QueryOptions, SearchHit, SearchIndex } from "../search/types.ts";
import { documentUrl } from "./document-card.ts";
import { hitDeadline } from "./reorder-hits.ts";
import { citedPart, partText } from "./section-text.ts";

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

/** What renderers need beyond the contract: where the passage is, and which words of the excerpt matched. */
export interface AnswerDetail {
  /** The cited passage's id (buttons carry its short key). */
  passageId: string;
  /** The passage's anchor in the document viewer. */
  anchor: string;
  /** [start, end) offsets into `excerpt` of the words that matched the question. */
  highlights: [number, number][];
  /** The document's own link; `url` is then this link rather than the viewer. */
  sourceUrl: string | null;
  /** How the replacing document is cited ("Công văn số 300-CV/HU ngày 10/8/2021"), for the superseded label. */
  supersededByName: string | null;
  /** The asked body is named with others in this item (assignment listings). */
  inList: boolean;
}

/**
 * The answer every channel renders. Its detail is non-enumerable, so `JSON.stringify` and `Object.keys` see
 * exactly the contract's keys while renderers still read `highlights` or `anchor`.
 */
export type CitedAnswer = Answer & Readonly<AnswerDetail>;

export interface AnswerSet {
  query: string;
  lang: Lang;
  answers: CitedAnswer[];
  /** What the question asks for ("who" asks for the actor); non-enumerable like the answers' detail. */
  readonly intent: Intent;
}

export interface AnswerDeps {
  index: SearchIndex;
  publicBaseUrl: string;
}

/** The link of a hit: the document's own link, else the viewer at the passage. */
export function citationUrl(hit: SearchHit, publicBaseUrl: string): string {
  return documentUrl(publicBaseUrl, hit.document.meta, { anchor: hit.passage.anchor });
}

/** The one answer path: the question searched once, each hit cited once, language and intent from the search. */
export function answerQuestion(
  query: string,
  limit: number,
  { index, publicBaseUrl }: AnswerDeps,
  options: QueryOptions = {},
): AnswerSet {
  const q = query.normalize("NFC").trim();
  const result = index.query(q, limit, options);
  const set = { query: q, lang: result.lang, answers: result.hits.map((hit) => toAnswer(hit, publicBaseUrl)) };
  return withDetail(set, { intent: result.intent });
}

/** One search hit as the contract's answer object, with its rendering detail. */
export function toAnswer(hit: SearchHit, publicBaseUrl: string): CitedAnswer {
  const m = hit.document.meta;
  // Made on first read: channels fetch more answers than they show (to know there is a next page).
  let made: Excerpt | undefined;
  const part = citedPart(hit.document, hit.passage, hit.merged);
  let text: string | undefined;
  const passage = () => (text ??= partText(part));
  const excerpt = () => (made ??= excerptFor(hit));
  const answer: Answer = {
    docId: m.docId,
    title: m.title,
    type: m.type,
    number: m.number,
    issuer: m.issuer,
    date: m.date,
    signer: m.signer,
    section: part.section,
    actor: hit.passage.actor,
    get excerpt() {
      return excerpt().text;
    },
    get passage() {
      return passage();
    },
    url: citationUrl(hit, publicBaseUrl),
    score: Math.round(hit.score * 1000) / 1000,
    ...dutyFields(hit),
  };
  Object.defineProperty(answer, "highlights", { get: () => excerpt().highlights, enumerable: false });
  return withDetail(answer as Answer & { readonly highlights: [number, number][] }, {
    passageId: hit.passage.id,
    anchor: hit.passage.anchor,
    sourceUrl: m.sourceUrl,
    supersededByName: hit.document.links?.replacedByName ?? null,
    inList: hit.inList ?? false,
  });
}

/** Validity, deadline and role (issue 15), and the signer's title. */
function dutyFields(hit: SearchHit): Pick<Answer, "signerTitle" | "status" | "supersededBy" | "deadline" | "role"> {
  const m = hit.document.meta;
  return {
    signerTitle: m.signerTitle ?? null,
    status: m.status ?? null,
    supersededBy: m.supersededBy ?? null,
    deadline: hitDeadline(hit),
    role: hit.role !== undefined ? hit.role : (hit.passage.role ?? null),
  };
}

function withDetail<T extends object, D extends object>(target: T, detail: D): T & Readonly<D> {
  for (const [key, value] of Object.entries(detail)) Object.defineProperty(target, key, { value, enumerable: false });
  return target as T & Readonly<D>;
}

/**
 * What a hit shows: the metadata it was asked for ("Ai ký …?"), else the best sentences of its passage — the one
 * of the cited part that says most of the question in its own words (group-answers.ts).
 */
export function excerptFor(hit: SearchHit): Excerpt {
  const fact = hit.lookup?.asks ? metadataFact(hit.document.meta, hit.lookup.asks, hit.lookup.lang) : null;
  return fact ? { text: fact, highlights: [] } : makeExcerpt(hit.passage.text, hit.terms);
}

const dmy = (iso: string) => iso.split("-").reverse().map(Number).join("/");

/**
 * One sentence answering a metadata question from the document's card, in the question's language. Unknown
 * metadata is said to be unknown, never guessed.
 */
export function metadataFact(m: DocumentMeta, asks: "signer" | "date" | "issuer", lang: Lang): string {
  const name = [m.type, m.number].filter(Boolean).join(" ") || m.title || m.docId;
  const about = m.title
    ? ` (${m.title.length > 160 ? `${m.title.slice(0, m.title.lastIndexOf(" ", 160))} …` : m.title})`
    : "";
  const signerTitle = (m as { signerTitle?: string | null }).signerTitle ?? null;
  const signer = m.signer ? (signerTitle ? `${m.signer} (${signerTitle})` : m.signer) : null;
  if (lang === "en") {
    if (asks === "signer")
      return signer
        ? `${name}${about} was signed by ${signer}${m.date ? ` on ${m.date}` : ""}.`
        : `${name}${about}: the text does not name its signer.`;
    if (asks === "date")
      return m.date
        ? `${name}${about} was issued on ${m.date}${m.issuer ? ` by ${m.issuer}` : ""}.`
        : `${name}${about}: the text gives no issue date.`;
    return m.issuer
      ? `${name}${about} was issued by ${m.issuer}${m.date ? ` on ${m.date}` : ""}.`
      : `${name}${about}: the text does not name its issuer.`;
  }
  if (asks === "signer")
    return signer
      ? `${name}${about} do ${signer} ký${m.date ? ` ngày ${dmy(m.date)}` : ""}.`
      : `${name}${about}: văn bản không ghi người ký.`;
  if (asks === "date")
    return m.date
      ? `${name}${about} ban hành ngày ${dmy(m.date)}${m.issuer ? `, cơ quan ban hành: ${m.issuer}` : ""}.`
      : `${name}${about}: văn bản không ghi ngày ban hành.`;
  return m.issuer
    ? `${name}${about} do ${m.issuer} ban hành${m.date ? ` ngày ${dmy(m.date)}` : ""}.`
    : `${name}${about}: văn bản không ghi cơ quan ban hành.`;
}

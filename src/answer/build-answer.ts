import type { SearchHit, SearchIndex } from "../search/search-index.ts";
import { fold } from "../search/normalize.ts";

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

const EXCERPT_MAX = 400;
const ENGLISH_WORDS = new Set(
  "the a an of to in for on and or is are was be what who which how when where why does do did can could should must will would about with from by this that these those any all".split(" "),
);

/** "en" when the question reads as English: no Vietnamese marks and mostly common English words. */
export function detectLanguage(query: string): "vi" | "en" {
  if (/[à-ỹđ]/iu.test(query) && fold(query) !== query.toLowerCase()) return "vi";
  const words = query.toLowerCase().match(/[a-z']+/g) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return words.length > 0 && english / words.length >= 0.2 ? "en" : "vi";
}

export function citationUrl(hit: SearchHit, publicBaseUrl: string): string {
  if (hit.document.meta.sourceUrl) return hit.document.meta.sourceUrl;
  return `${publicBaseUrl}/d/${encodeURIComponent(hit.passage.docId)}#${encodeURIComponent(hit.passage.anchor)}`;
}

/** The sentences of the passage that share most terms with the question, within EXCERPT_MAX, never cut mid-word. */
export function makeExcerpt(passage: string, terms: readonly string[]): string {
  const text = passage.replace(/^(\d+(\.\d+)*[.)]|[-–•+])\s*/, "").replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_MAX) return text;
  const sentences = text.match(/[^.;!?]+[.;!?]*\s*/g) ?? [text];
  const wanted = new Set(terms.map(fold));
  const scored = sentences.map((s, i) => ({ i, s: s.trim(), score: new Set(fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => wanted.has(w))).size }));
  const best = [...scored].sort((a, b) => b.score - a.score || a.i - b.i)[0]!;
  let from = best.i;
  let to = best.i;
  let out = best.s;
  while (true) {
    const next = scored[to + 1];
    const prev = scored[from - 1];
    const candidate = next && (!prev || next.score >= prev.score) ? next : prev;
    if (!candidate || out.length + candidate.s.length + 1 > EXCERPT_MAX) break;
    if (candidate === next) {
      out = `${out} ${next.s}`;
      to++;
    } else {
      out = `${prev!.s} ${out}`;
      from--;
    }
  }
  if (out.length > EXCERPT_MAX) {
    const cut = out.slice(0, EXCERPT_MAX);
    out = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).replace(/[\s,;:]+$/, "")} …`;
  }
  return `${from > 0 ? "… " : ""}${out}${to < scored.length - 1 && !out.endsWith("…") ? " …" : ""}`;
}

export function answerQuestion(query: string, limit: number, { index, publicBaseUrl }: AnswerDeps): AnswerSet {
  const q = query.normalize("NFC").trim();
  const hits = index.search(q, limit);
  return {
    query: q,
    lang: detectLanguage(q),
    answers: hits.map((hit) => {
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
        excerpt: makeExcerpt(hit.passage.text, hit.terms),
        passage: hit.passage.text,
        url: citationUrl(hit, publicBaseUrl),
        score: Math.round(hit.score * 1000) / 1000,
      };
    }),
  };
}

import type { CorpusDocument } from "../corpus/types.ts";
import { fold } from "./normalize.ts";
import { itemOf } from "./sections.ts";
import type { SearchHit } from "./types.ts";

/** An article (and clause) a question names: "Điều 6", "khoản 2 Điều 5", "article 7". */
export interface ArticleRef {
  article: string;
  clause: string | null;
}

const ARTICLE = /\b(?:dieu|article)\s+(\d+[a-z]?)\b/u;
const CLAUSE_BEFORE = /\bkhoan\s+(\d+)\s+(?:cua\s+)?dieu\s+(\d+[a-z]?)\b/u;
const CLAUSE_AFTER = /\bdieu\s+(\d+[a-z]?)\s*,?\s*khoan\s+(\d+)\b/u;

/** The article a question names, typed with or without marks; null when it names none. */
export function parseArticleRef(question: string): ArticleRef | null {
  const q = fold(question.toLowerCase());
  const before = CLAUSE_BEFORE.exec(q);
  if (before) return { article: before[2]!, clause: before[1]! };
  const after = CLAUSE_AFTER.exec(q);
  if (after) return { article: after[1]!, clause: after[2]! };
  const article = ARTICLE.exec(q);
  return article ? { article: article[1]!, clause: null } : null;
}

/**
 * The named article of `doc` as one answer: its first passage cited, the rest of the article (or of the clause
 * asked) merged into it. Null when the document has no such article.
 */
export function articleHit(doc: CorpusDocument, ref: ArticleRef, score: number): SearchHit | null {
  const label = `Điều ${ref.article}`;
  const clause = ref.clause === null ? null : `${label}, khoản ${ref.clause}`;
  const ofArticle = doc.passages.filter((p) => itemOf(p.section) === label);
  const ofClause = clause ? ofArticle.filter((p) => p.section === clause || p.section?.startsWith(`${clause},`)) : [];
  const [first, ...rest] = ofClause.length ? ofClause : ofArticle;
  if (!first) return null;
  return { passage: first, document: doc, score, terms: [], ...(rest.length ? { merged: rest } : {}) };
}

import { bodyContext } from "../corpus/match-body.ts";
import type { Corpus } from "../corpus/types.ts";
import type { AbbreviationIndex } from "./abbreviations.ts";
import { tokenize } from "./tokenize.ts";

/**
 * Documents a question names by title ("Theo Luật Tiếp cận thông tin, …", "… BLDS 2015 quy định?"). A question
 * that names a document of the corpus is about it: the no-answer rule does not refuse it for want of other words.
 */
export type NamedByTitle = (question: string) => ReadonlySet<string>;

/** A short title names a document only when it is a statute's ("Hiến pháp", "Luật Cư trú"); else four syllables. */
const STATUTE_TITLE = /^(hien phap|bo luat|luat|phap lenh)\s/u;
const MIN_SYLLABLES = 4;

const NONE: ReadonlySet<string> = new Set();

/** Folded words of a text, space-joined and padded, so a title matches whole words only. */
function words(text: string): string {
  return ` ${tokenize(text)
    .filter((t) => !t.part)
    .map((t) => t.folded)
    .join(" ")} `;
}

function nameOf(title: string): string | null {
  const name = words(title).trim();
  const syllables = name.split(" ").length;
  return syllables >= MIN_SYLLABLES || (syllables >= 2 && STATUTE_TITLE.test(`${name} `)) ? name : null;
}

/**
 * The places a local issuer is named after ("Ban Thường vụ Huyện ủy Yên Thế" → "yen the"), two syllables or more:
 * "Yên Thế mất bao lâu để kiểm soát được dịch?" asks about that district's documents.
 */
function issuerPlaces(issuer: string | null): string[] {
  if (!issuer) return [];
  return [...bodyContext(issuer, []).places.values()].map((p) => words(p).trim()).filter((p) => p.includes(" "));
}

export function createTitleMatcher(corpus: Corpus, abbreviations: AbbreviationIndex): NamedByTitle {
  const names: NameEntry[] = [];
  for (const doc of corpus.documents.values()) {
    const name = doc.meta.title ? nameOf(doc.meta.title) : null;
    if (name) names.push({ docId: doc.meta.docId, name });
  }
  // An abbreviation counts as its full form: "BLDS" names the "Bộ luật dân sự".
  return nameMatcher(names, (text) => {
    let out = text;
    for (const w of text.trim().split(" ")) {
      const full = abbreviations.expand.get(w);
      if (full) out += `${full.folded.join(" ")} `;
    }
    return out;
  });
}

/**
 * Documents a question names by their local issuer's place. Weaker than a title: ranking prefers them, but the
 * no-answer rule does not take them as the question being about the document ("thời tiết Hà Nội ngày mai").
 */
export function createPlaceMatcher(corpus: Corpus): NamedByTitle {
  const names: NameEntry[] = [];
  for (const doc of corpus.documents.values())
    for (const place of issuerPlaces(doc.meta.issuer)) names.push({ docId: doc.meta.docId, name: place });
  return nameMatcher(names, (text) => text);
}

interface NameEntry {
  docId: string;
  /** Folded words, space-joined. */
  name: string;
}

/** The documents whose name the question says, as whole words. */
function nameMatcher(names: readonly NameEntry[], widen: (text: string) => string): NamedByTitle {
  // By first word, so a question is compared with the names that could start at each of its words only.
  const byFirst = new Map<string, NameEntry[]>();
  for (const { docId, name } of names) {
    const first = name.slice(0, name.indexOf(" "));
    const list = byFirst.get(first) ?? [];
    list.push({ docId, name: `${name} ` });
    byFirst.set(first, list);
  }
  if (byFirst.size === 0) return () => NONE;
  return (question) => {
    const text = widen(words(question));
    let named: Set<string> | null = null;
    for (let at = 1; at < text.length; at = text.indexOf(" ", at) + 1) {
      const end = text.indexOf(" ", at);
      if (end < 0) break;
      for (const t of byFirst.get(text.slice(at, end)) ?? [])
        if (text.startsWith(t.name, at)) (named ??= new Set()).add(t.docId);
    }
    return named ?? NONE;
  };
}

import { stemPhrase, type Lexicon } from "./glossary.ts";
import { fold, normalizeText } from "./normalize.ts";

/**
 * Questions that ask what a term means ("Cư trú là gì?", "Thế nào là an ninh mạng?", "What is social distancing?")
 * are answered best by the clause that defines it: legal texts define a term by opening a clause with it and "là"
 * ("Cư trú là việc công dân sinh sống …", `“An ninh mạng” là …`), usually in an article of definitions.
 */

/** A defined term is a noun phrase, not a sentence: longer spans are questions that merely end in "là gì". */
const MAX_TERM_SYLLABLES = 8;

const QUOTES = /["“”'‘’«»]/gu;
/** Folded, lowercased; the term comes before the asking tail or after the asking head. */
const VI_TAIL =
  /^(?:theo [^,]+,\s*)?(.+?)\s+(?:la gi|la cai gi|duoc hieu la gi|duoc hieu nhu the nao|duoc hieu the nao|duoc dinh nghia la gi|duoc dinh nghia nhu the nao|duoc dinh nghia the nao|co nghia la gi|nghia la gi)$/u;
const VI_HEAD =
  /^(?:the nao la|the nao duoc goi la|khai niem ve|khai niem|dinh nghia ve|dinh nghia|giai thich)\s+(.+)$/u;
const EN_PATTERNS = [
  /^what (?:is|are) (?:an? |the )?(.+)$/,
  /^what does (?:an? |the )?(.+?) mean$/,
  /^(?:define|definition of|meaning of|the meaning of|the definition of) (?:an? |the )?(.+)$/,
];

function cleaned(question: string): string {
  return normalizeText(question.normalize("NFC"))
    .toLowerCase()
    .replace(QUOTES, "")
    .replace(/[?.!\s]+$/u, "")
    .trim();
}

/**
 * The folded wordings of the term a question asks to define, or undefined when it asks something else. English
 * terms are the glossary's Vietnamese alternatives.
 */
export function definedTerm(question: string, lang: "vi" | "en", lexicon: Lexicon): string[] | undefined {
  const text = cleaned(question);
  if (lang === "en") {
    for (const pattern of EN_PATTERNS) {
      const term = pattern.exec(text)?.[1]?.trim();
      if (!term) continue;
      const vi = lexicon.english.get(term) ?? lexicon.stems.get(stemPhrase(term));
      return vi?.map((v) => fold(v.toLowerCase()));
    }
    return undefined;
  }
  const folded = fold(text);
  const term = (VI_TAIL.exec(folded) ?? VI_HEAD.exec(folded))?.[1]?.trim();
  if (!term || term.split(/\s+/).length > MAX_TERM_SYLLABLES) return undefined;
  return [term];
}

/** Leading clause numbers, letters and bullets ("1.", "a)", "-") before a clause's first word. */
const LEAD = /^\s*(?:(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-–•+])\s*)*/u;
/** "Cư trú là …", "Cư trú (sau đây gọi là …) là …", "Cư trú được hiểu là …": the term before the first "là". */
const DEFINING = /^([^,.;:()]+?)(?:\s*\([^)]*\))?\s+(?:la|duoc hieu la)(?![a-z0-9])/u;

/** The folded term a passage opens by defining, if it opens with a definition. */
export function termDefinedBy(passageText: string): string | undefined {
  const head = fold(passageText.slice(0, 200).toLowerCase()).replace(QUOTES, "").replace(LEAD, "");
  const term = DEFINING.exec(head)?.[1]?.trim();
  return term && term.split(/\s+/).length <= MAX_TERM_SYLLABLES ? term : undefined;
}

/** The passages (by position) that define each term, for the questions that ask what a term means. */
export function definitionIndex(passages: readonly { text: string }[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  passages.forEach((p, i) => {
    const term = termDefinedBy(p.text);
    if (!term) return;
    const list = index.get(term);
    if (list) list.push(i);
    else index.set(term, [i]);
  });
  return index;
}

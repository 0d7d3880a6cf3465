import type { Lang } from "../i18n/lang.ts";
import { stemPhrase, type Lexicon } from "./glossary.ts";
import { americanSpelling, knownWords } from "./british-spelling.ts";
import { definedTerm } from "./definition.ts";
import { parseDocumentRefs } from "./document-ref.ts";
import { synonymAt } from "./synonyms.ts";
import { contractRespellings } from "./variants.ts";
import { fold, hasDiacritics, normalizeText } from "./normalize.ts";
import { bigramKey, isDocumentNumber, isPluralMarker, phraseRuns, tokenize, type Token } from "./tokenize.ts";
import { numberForm } from "./term-encoder.ts";
import { TYPO_FREE_LENGTH, withinOneEdit } from "./typo.ts";
import type { Intent } from "./types.ts";

/** One thing the question asks about, with the Vietnamese wordings that express it (syllables, exact form). */
export interface Concept {
  alternatives: string[][];
  /** How much each alternative counts when found (default 1): a typo's correction counts less than the word typed. */
  weights?: number[];
  /**
   * Said only in the story before the sentence that asks ("Anh C sống cùng bố mẹ … Hỏi anh C có được …?"): the
   * ranker weighs it below the asked sentence's words.
   */
  story?: boolean;
  /** How many of the question's words the concept stands for (a wording of several, with its synonyms); default 1. */
  scale?: number;
  /** A request verb the question opens with ("Kêu gọi người dân ở nhà"): it frames what is asked for. */
  framing?: boolean;
  /** A document number typed in part after its type ("công văn 571"): as specific as a whole number. */
  number?: boolean;
}

/** A correction of one typo counts this much of the word itself, so exact matches rank first. */
export const TYPO_WEIGHT = 0.7;
/** Another wording of the words typed counts this much of them: the corpus's own wording of the question ranks first. */
export const SYNONYM_WEIGHT = 0.8;

export interface ParsedQuery {
  lang: Lang;
  intent: Intent;
  /** The user typed Vietnamese marks: exact-diacritic matches count fully, folded ones partly. */
  diacritics: boolean;
  concepts: Concept[];
  /** Folded syllable pairs of the question's phrases. */
  bigrams: string[];
  /** The folded wordings of the term the question asks to define ("Cư trú là gì?"), if it asks one. */
  defined?: string[];
}

/** Question scaffolding carries intent, not content. Longest first; matched on whole syllables. */
const VI_QUESTION_PHRASES = [
  "hãy cho biết",
  "cho tôi hỏi",
  "tôi muốn biết",
  "xin hỏi",
  "cho biết",
  "đúng hay sai",
  "đúng không",
  "phải không",
  "hay không",
  "nói về nội dung gì",
  "nói về vấn đề gì",
  "nói về gì",
  "nội dung gì",
  "quy định gì",
  "như thế nào",
  "thế nào",
  "ra sao",
  "là gì",
  "là những gì",
  "gồm những gì",
  "những gì",
  "cái gì",
  "ở đâu",
  "khi nào",
  "bao giờ",
  "bao nhiêu",
  "bao lâu",
  "có nhiệm vụ gì",
  "nhiệm vụ gì",
  "phải làm gì",
  "cần làm gì",
  "làm gì",
  "chịu trách nhiệm",
  "có trách nhiệm",
  "trách nhiệm gì",
  "được giao",
  "phụ trách",
  "làm những gì",
  "những ai",
  "ai",
  "gì",
  "nào",
  "sao",
  "vậy",
  "nhỉ",
  "ạ",
  "hả",
  "văn bản nào",
  "văn bản",
  "có nên",
  "chọn câu trả lời đúng nhất",
  "chọn câu trả lời đúng",
  "chọn đáp án đúng",
  "câu trả lời đúng nhất",
  // A multiple-choice stem: "điều" is the statement to pick, "đúng"/"sai" its verdict, not the law's content.
  "điều nào sau đây",
  "điều nào dưới đây",
  "nhận định nào sau đây",
  "phát biểu nào sau đây",
  "nào sau đây",
  "nào dưới đây",
  "là không đúng",
  "là đúng",
  "là sai",
  "không đúng",
  "sau đây",
  "dưới đây",
  "như nào",
  "đâu là",
  "đâu không phải là",
  "không phải là",
  "trường hợp nào",
  "những trường hợp nào",
  "là những",
  "bằng cách nào",
  "cách nào",
];
const WHO =
  /(^|\s)(ai|những ai|cơ quan nào|đơn vị nào|bộ phận nào|lực lượng nào|người nào|cấp nào|ban nào|ngành nào|tổ chức nào)(\s|$)/u;
const EN_WHO =
  /\b(who|whom|whose|which (body|agency|unit|office|department|organ|organisation|organization|committee|force))\b|\bresponsible\b/;
const LATEST =
  /(văn bản|chỉ thị|công văn|thông báo|quyết định)\s+(mới nhất|gần đây nhất|gần nhất|mới ban hành)|\b(latest|newest|most recent)\b/u;
/** The same, for questions typed without marks; "van ban nao" is "văn bản nào" (which document), not "ban nào". */
const WHO_FOLDED = new RegExp(fold(WHO.source).replace("|ban nao|", "|(?<!van )ban nao|"), "u");
const LATEST_FOLDED = new RegExp(fold(LATEST.source), "u");

/** Function words the index keeps but a question's content does not need. Deliberately short. */
const VI_STOPWORDS = new Set(
  "và của các những là thì mà có được cho với trong để theo từ tại về này đó một như khi đã sẽ đang cũng nhưng hoặc hay nếu thế bị do vì nên rằng ở lại đến tới việc sự cái nói".split(
    " ",
  ),
);
const EN_STOPWORDS = new Set(
  `the a an of to in for on and or is are was were be been being what who whom whose which how when where why
  does do did doing done can could should must will would shall may might about with from by this that these
  those any all it its their there they them i we you me my our your say says said tell mean means have has had
  get gets need needs let please responsible regarding according as at into than then so such over like still
  also going whether happens happen happened there's it's i'm don't doesn't isn't aren't other others some more
  most very just only even ever every each either neither yes no not if but because while during before after
  until since up down out off again further once here both few own same too s t now get got make makes made know
  want wants way ways thing things something anything kind sort type please`.split(/\s+/),
);
const EN_WORD = /[a-z0-9]+(?:[-'][a-z0-9]+)*/g;

/** "en" when the question reads as English: no Vietnamese marks and enough common English words or glossary hits. */
export function detectLanguage(query: string, lexicon?: Lexicon): Lang {
  if (hasDiacritics(query)) return "vi";
  const words = query.toLowerCase().match(EN_WORD) ?? [];
  if (words.length === 0) return "vi";
  const english = words.filter(
    (w) => EN_STOPWORDS.has(w) || lexicon?.english.has(w) || lexicon?.stems.has(stemPhrase(w)),
  ).length;
  return english / words.length >= 0.5 ? "en" : "vi";
}

/** The phrase lists as syllable arrays, with and without marks: built once, used on every question. */
const PHRASES_MARKED = VI_QUESTION_PHRASES.map((p) => p.split(" "));
const PHRASES_FOLDED = VI_QUESTION_PHRASES.map((p) => fold(p).split(" "));
export const STOPWORDS_FOLDED: ReadonlySet<string> = new Set([...VI_STOPWORDS].map(fold));

function stripPhrases(syllables: string[], split: readonly string[][]): { kept: (string | null)[] } {
  const kept: (string | null)[] = [...syllables];
  for (let i = 0; i < kept.length; i++) {
    for (const p of split) {
      if (p.every((w, k) => kept[i + k] === w)) {
        for (let k = 0; k < p.length; k++) kept[i + k] = null;
        break;
      }
    }
  }
  // "… có … không?" ends with the particle "không": a question mark, not a negation.
  const last = kept.findLastIndex((w) => w !== null);
  if (last >= 0 && (kept[last] === "không" || kept[last] === "khong")) kept[last] = null;
  return { kept };
}

/**
 * The Vietnamese alternatives of these English words: the phrase as listed, else its Porter stems
 * ("vaccinating" finds "vaccination"), so word forms need no entries of their own.
 */
function lookupEnglish(words: string[], lexicon: Lexicon): string[] | null {
  const whole = words.join(" ");
  return lexicon.english.get(whole) ?? lexicon.stems.get(stemPhrase(whole)) ?? null;
}

/** The glossary's alternatives for a one-typo spelling of one of its words ("vacination"); long words only. */
function correctEnglish(word: string, lexicon: Lexicon): string[] | null {
  if (word.length < TYPO_FREE_LENGTH || !/^[a-z]+$/.test(word)) return null;
  for (const [key, vi] of lexicon.english) if (!key.includes(" ") && withinOneEdit(key, word)) return vi;
  return null;
}

/** "which unit", "what agency": the noun asks who; it is intent, not content. */
const EN_WHO_PHRASE =
  /\b(which|what) (bodies|body|agency|agencies|unit|units|office|offices|department|departments|organ|organs|organisation|organization|committee|force|forces)\b/g;

const knownByGlossary = new WeakMap<Lexicon["english"], (w: string) => boolean>();
/** The glossary's words (as written or by stem), made once per lexicon. */
function glossaryWords(lexicon: Lexicon): (w: string) => boolean {
  let known = knownByGlossary.get(lexicon.english);
  if (!known) {
    known = knownWords(lexicon.english.keys());
    knownByGlossary.set(lexicon.english, known);
  }
  return known;
}

/**
 * A hyphenated compound the glossary does not know whole ("locked-down", "close-contacts") is read as its words,
 * which it may know as a phrase ("locked down"); one it knows ("non-essential") and codes with digits stay whole.
 */
function hyphenParts(word: string, known: (w: string) => boolean): string[] {
  if (!word.includes("-") || /\d/.test(word) || known(word)) return [word];
  return word.split("-").filter(Boolean);
}

function parseEnglish(
  query: string,
  lexicon: Lexicon,
): Pick<ParsedQuery, "concepts" | "bigrams"> & { unknown: string[] } {
  // A possessive is the noun ("people's trust" asks about the people's trust): the glossary knows the noun.
  const known = glossaryWords(lexicon);
  const words = (query.toLowerCase().replace(/’/g, "'").replace(EN_WHO_PHRASE, " ").match(EN_WORD) ?? [])
    .flatMap((w) => hyphenParts(w, known))
    .map((w) => americanSpelling(w.replace(/(?<=[a-z])'s?$/, ""), known));
  const concepts: Concept[] = [];
  const unknown: string[] = [];
  const bigrams = new Set<string>();
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (let n = Math.min(lexicon.maxPhraseWords, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n);
      const vi = lookupEnglish(phrase, lexicon);
      if (!vi) continue;
      if (n === 1 && EN_STOPWORDS.has(phrase[0]!)) break;
      const alternatives = vi.map((v) =>
        tokenize(v)
          .filter((t) => !t.part)
          .map((t) => lexicon.respell(t.exact)),
      );
      concepts.push({ alternatives });
      for (const alt of alternatives)
        for (let k = 1; k < alt.length; k++) bigrams.add(bigramKey(fold(alt[k - 1]!), fold(alt[k]!)));
      i += n;
      matched = true;
      break;
    }
    if (matched) continue;
    const word = words[i]!;
    const corrected = EN_STOPWORDS.has(word) ? null : correctEnglish(word, lexicon);
    if (corrected) {
      const alternatives = corrected.map((v) =>
        tokenize(v)
          .filter((t) => !t.part)
          .map((t) => lexicon.respell(t.exact)),
      );
      concepts.push({ alternatives, weights: alternatives.map(() => TYPO_WEIGHT) });
      for (const alt of alternatives)
        for (let k = 1; k < alt.length; k++) bigrams.add(bigramKey(fold(alt[k - 1]!), fold(alt[k]!)));
      i++;
      continue;
    }
    // An English word the glossary does not know stays a concept: codes ("5k", "f0") and names typed without marks
    // ("Kien Giang") can match, and any other is part of the question the corpus cannot answer ("capital of France").
    if (!EN_STOPWORDS.has(word) && (word.length > 2 || /\d/.test(word))) {
      concepts.push({ alternatives: [[word]] });
      unknown.push(word);
    }
    i++;
  }
  return { concepts, bigrams: [...bigrams], unknown };
}

/** Content words of an English question that no glossary entry covers: what `npm run eval` lists for editors. */
export function uncoveredEnglishWords(query: string, lexicon: Lexicon): string[] {
  return parseEnglish(query.normalize("NFC"), lexicon).unknown.filter((w) => !/\d/.test(w));
}

/** "Công văn 146-CV/TU", "Quyết định số 940/QĐ-UBND": the type before a number is part of the document's name, not content. */
const DOCUMENT_TYPES = [
  "cong van",
  "chi thi",
  "quyet dinh",
  "thong bao",
  "nghi quyet",
  "ke hoach",
  "nghi dinh",
  "thong tu",
  "huong dan",
  "cong dien",
  "bao cao",
].map((t) => t.split(" "));

function stripDocumentTypes(run: Token[], kept: (string | null)[]): void {
  for (let k = 0; k < run.length; k++) {
    if (!isDocumentNumber(run[k]!.exact)) continue;
    let j = k - 1;
    if (run[j]?.folded === "so") j--;
    if (j < 1 || !DOCUMENT_TYPES.some(([a, b]) => run[j - 1]!.folded === a && run[j]!.folded === b)) continue;
    for (let i = j - 1; i < k; i++) kept[i] = null;
  }
}

/**
 * A bare number right after a document type ("công văn 571", "CV số 571", "decree 112") names a document as surely
 * as a whole number does: the no-answer rule and the ranker treat it as one.
 */
function markPartialNumbers(text: string, concepts: Concept[]): Concept[] {
  const bare = (n: string) => n.replace(/^0+(?=\d)/, "");
  const named = new Set(
    parseDocumentRefs(text).flatMap((ref) => (ref.number && /^\d+$/.test(ref.number) ? [bare(ref.number)] : [])),
  );
  if (named.size === 0) return concepts;
  for (const c of concepts) if (c.alternatives.some((a) => a.length === 1 && named.has(bare(a[0]!)))) c.number = true;
  return concepts;
}

/** A 4,096-character message is not 900 questions: repeated words count once, and only so many. */
const MAX_CONCEPTS = 48;
const MAX_BIGRAMS = 96;

function distinct(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  const out: Concept[] = [];
  for (const c of concepts) {
    const key = c.alternatives.map((a) => a.join(" ")).join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length === MAX_CONCEPTS) break;
  }
  return out;
}

/** The sentences of `text`: the index of the one an offset falls in, and the text of each. */
function sentencesOf(text: string): { at: (offset: number) => number; text: (n: number) => string } {
  const ends = [...text.matchAll(/[.!?]+(?=\s|$)|\n+/gu)].map((m) => m.index! + m[0].length);
  return {
    at: (offset) => {
      let i = 0;
      while (i < ends.length && ends[i]! <= offset) i++;
      return i;
    },
    text: (n) => text.slice(n === 0 ? 0 : ends[n - 1], ends[n] ?? text.length),
  };
}

/** "Điều này áp dụng …", "Trường hợp đó …": the asking sentence points back, so the sentences before it are content. */
const POINTS_BACK = /(^|\s)(này|đó|ấy|trên|nay|do|ay|tren)([\s,?.!]|$)/u;

/**
 * A question of two sentences or more asks in its last one that has content; the words said only before it are
 * story — unless the asking sentence points back at them.
 */
function markStory(concepts: Concept[], sentences: number[], sentenceText: (n: number) => string): void {
  const asked = sentences.length ? Math.max(...sentences) : 0;
  if (!sentences.some((n) => n !== asked)) return;
  const asking = sentenceText(asked).toLowerCase();
  if (POINTS_BACK.test(asking)) return;
  const key = (c: Concept) => c.alternatives[0]!.join(" ");
  const inAsked = new Set(concepts.filter((_, i) => sentences[i] === asked).map(key));
  concepts.forEach((c, i) => {
    if (sentences[i] !== asked && !inAsked.has(key(c))) c.story = true;
  });
}

/** Request verbs a question may open with: what it asks about is the request, not the asking. */
const FRAMING_VERBS = [
  ["keu", "goi"],
  ["de", "nghi"],
  ["yeu", "cau"],
];

/**
 * Marks the request verb a question opens with ("Kêu gọi …", "de nghi …") when content follows it. Read from the
 * words typed: folded, "de" of "đề nghị" is also "để", a stopword that is no concept.
 */
function markFraming(text: string, concepts: Concept[]): void {
  const [a, b] = tokenize(text).map((t) => t.folded);
  if (!FRAMING_VERBS.some(([x, y]) => a === x && b === y)) return;
  const opening = concepts.slice(0, 2).filter((c) => {
    const alt = c.alternatives.length === 1 ? c.alternatives[0]! : [];
    return alt.length === 1 && [a, b].includes(fold(alt[0]!));
  });
  if (concepts.length - opening.length < 1) return;
  for (const c of opening) c.framing = true;
}

/**
 * The question's phrases as folded pairs of neighbouring syllables. A plural marker between two words is skipped
 * ("UBND các huyện" pairs "ubnd huyện"): directives write "UBND huyện" and "UBND các huyện" alike, and the index
 * pairs across the marker too (term-encoder.ts).
 */
function addPhrasePairs(kept: readonly (string | null)[], bigrams: Set<string>): void {
  const folded = kept.map((s) => (s ? fold(s) : null));
  const marker = (k: number) => isPluralMarker(folded[k]) && folded[k - 1] && folded[k + 1];
  for (let k = 1; k < folded.length; k++) {
    const [a, b] = [folded[k - 1], folded[k]];
    if (!a || !b) continue;
    if (marker(k - 1) && k >= 2) bigrams.add(bigramKey(folded[k - 2]!, b));
    if (!marker(k - 1) && !marker(k)) bigrams.add(bigramKey(a, b));
  }
}

/**
 * A wording of the synonym list at `k` ("đóng cửa") as one concept whose alternatives are its group's wordings; it
 * weighs as the content words typed.
 */
function synonymConcept(
  kept: readonly (string | null)[],
  k: number,
  opts: { lexicon: Lexicon; diacritics: boolean; stop: ReadonlySet<string> },
): { concept: Concept; length: number } | null {
  const found = synonymAt(opts.lexicon.synonyms, kept, k);
  if (!found) return null;
  const typed = kept.slice(k, k + found.length) as string[];
  const content = typed.filter((w) => !opts.stop.has(w)).length;
  if (content === 0) return null;
  const key = fold(typed.join(" "));
  // Typed with marks, the words must be the group's own: "cầm cố" (to pledge) is not "cấm" (to forbid).
  const exact = (w: string[]) => w.map((syl) => normalizeText(opts.lexicon.respell(syl))).join(" ");
  const typedExact = typed.map((syl) => normalizeText(syl)).join(" ");
  if (opts.diacritics && !found.group.some((w) => exact(w) === typedExact)) return null;
  // Typed without marks, one syllable is many words ("phat": phạt, phát; "luong": lương, lượng): a one-syllable
  // wording that has marks is matched only when they are typed.
  if (!opts.diacritics && found.length === 1 && !found.group.some((w) => w.length === 1 && fold(w[0]!) === w[0]))
    return null;
  const others = found.group
    .filter((w) => fold(w.join(" ")) !== key)
    .map((w) => w.map((syl) => (opts.diacritics ? opts.lexicon.respell(syl) : fold(opts.lexicon.respell(syl)))));
  const weights = [1, ...others.map(() => SYNONYM_WEIGHT)];
  return { concept: { alternatives: [typed, ...others], weights, scale: content }, length: found.length };
}

/** Pure: question text → intent, language and the concepts to search for. */
export function parseQuery(raw: string, lexicon: Lexicon): ParsedQuery {
  const text = raw.normalize("NFC").trim();
  const normalized = normalizeText(text);
  const lang = detectLanguage(text, lexicon);
  if (lang === "en") {
    const { concepts, bigrams } = parseEnglish(text, lexicon);
    const intent: Intent = EN_WHO.test(normalized)
      ? "who"
      : LATEST.test(normalized)
        ? "latest"
        : concepts.some((c) => c.alternatives.some((a) => a.some(isDocumentNumber)))
          ? "number"
          : "content";
    const defined = definedTerm(text, lang, lexicon);
    return {
      lang,
      intent,
      diacritics: true,
      concepts: markPartialNumbers(text, distinct(concepts)),
      bigrams: bigrams.slice(0, MAX_BIGRAMS),
      ...(defined && { defined }),
    };
  }
  const diacritics = hasDiacritics(text);
  const folded = fold(normalized);
  const intent: Intent =
    WHO.test(normalized) || (!diacritics && WHO_FOLDED.test(folded))
      ? "who"
      : LATEST.test(normalized) || (!diacritics && LATEST_FOLDED.test(folded))
        ? "latest"
        : tokenize(text).some((t) => isDocumentNumber(t.exact))
          ? "number"
          : "content";
  const phrases = diacritics ? PHRASES_MARKED : PHRASES_FOLDED;
  const stop = diacritics ? VI_STOPWORDS : STOPWORDS_FOLDED;
  const concepts: Concept[] = [];
  const sentences: number[] = [];
  const bigrams = new Set<string>();
  const sentence = sentencesOf(text);
  for (const run of phraseRuns(text)) {
    const syllables = run.map((t) => (diacritics ? lexicon.respell(t.exact) : fold(lexicon.respell(t.exact))));
    const { kept: stripped } = stripPhrases(syllables, phrases);
    stripDocumentTypes(run, stripped);
    const kept = contractRespellings(stripped, lexicon.respellings);
    addPhrasePairs(kept, bigrams);
    for (let k = 0; k < kept.length; k++) {
      const s = kept[k];
      const synonym = synonymConcept(kept, k, { lexicon, diacritics, stop });
      if (synonym) {
        concepts.push(synonym.concept);
        sentences.push(sentence.at(run[k]!.start));
        k += synonym.length - 1;
      } else if (s && !stop.has(s)) {
        concepts.push({ alternatives: [[s]] });
        sentences.push(sentence.at(run[k]!.start));
      }
    }
  }
  markStory(concepts, sentences, sentence.text);
  markFraming(text, concepts);
  // Document numbers come whole from the tokenizer; their parts are already concepts.
  // A number typed in part ("146/TU" of 146-CV/TU) matches the cited forms the index holds (term-encoder.ts).
  for (const t of tokenize(text)) {
    if (t.part || !isDocumentNumber(t.exact)) continue;
    const single = concepts.findIndex(
      (c) => c.alternatives.length === 1 && [t.exact, t.folded].includes(c.alternatives[0]!.join(" ")),
    );
    if (single >= 0) concepts.splice(single, 1);
    concepts.push({ alternatives: [[t.exact], [numberForm(t.exact)]] });
  }
  const defined = definedTerm(text, lang, lexicon);
  return {
    lang,
    intent,
    diacritics,
    concepts: markPartialNumbers(text, distinct(concepts)),
    bigrams: [...bigrams].slice(0, MAX_BIGRAMS),
    ...(defined && { defined }),
  };
}

import { stemmer } from "stemmer";

/**
 * British spellings as the glossary's American ones ("decentralisation", "labour", "defence", "centre",
 * "programme"): the glossary lists one spelling and the Porter stemmer does not join the two (it stems "-isation"
 * and "-ization" apart; "travelled" and "traveled" it joins). Pure: the caller says which words the glossary knows.
 */
const RULES: readonly [RegExp, string][] = [
  [/isation(s?)$/, "ization$1"],
  [/is(e|ed|es|ing|er|ers)$/, "iz$1"],
  [/ys(e|ed|es|ing)$/, "yz$1"],
  [/our(s|ed|ing|ite|ites|hood|hoods|able)?$/, "or$1"],
  [/tre(s?)$/, "ter$1"],
  [/ence(s?)$/, "ense$1"],
  [/mme(s?)$/, "m$1"],
];

/** The American spelling of `word` that `known` accepts, or `word` itself when it is known or has none. */
export function americanSpelling(word: string, known: (w: string) => boolean): string {
  if (word.length < 5 || known(word)) return word;
  for (const [pattern, replacement] of RULES) {
    if (!pattern.test(word)) continue;
    const american = word.replace(pattern, replacement);
    if (known(american)) return american;
  }
  return word;
}

/** Whether a word is one of the glossary's, as written or by its stem: built once per list of phrases. */
export function knownWords(phrases: Iterable<string>): (w: string) => boolean {
  const words = new Set<string>();
  for (const phrase of phrases) for (const w of phrase.split(" ")) words.add(w);
  const stems = new Set([...words].map((w) => stemmer(w)));
  return (w) => words.has(w) || stems.has(stemmer(w));
}

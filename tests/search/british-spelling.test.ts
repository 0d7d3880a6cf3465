import { describe, expect, it } from "vitest";
import { americanSpelling, knownWords } from "../../src/search/british-spelling.ts";
import { loadLexicon } from "../../src/search/glossary.ts";
import { parseQuery, uncoveredEnglishWords } from "../../src/search/parse-query.ts";
import { DATA_DIR } from "./fixtures.ts";

describe("americanSpelling", () => {
  const known = knownWords([
    "decentralization",
    "labor union",
    "center",
    "license",
    "program",
    "traveled",
    "mobilize",
    "analyze",
  ]);

  it.each([
    ["decentralisation", "decentralization"],
    ["labour", "labor"],
    ["centre", "center"],
    ["licence", "license"],
    ["programme", "program"],
    ["mobilise", "mobilize"],
    ["mobilised", "mobilized"],
    ["analyse", "analyze"],
  ])("%s → %s, a spelling the glossary knows", (british, american) => {
    expect(americanSpelling(british, known)).toBe(american);
  });

  // Known as written, or no American form known; the stemmer already joins "travelled" by its stem.
  it.each(["exercise", "hour", "center", "offence", "travelled"])(
    "leaves %s alone: the glossary knows it as written, or knows no American form of it",
    (word) => {
      expect(americanSpelling(word, known)).toBe(word);
    },
  );
});

describe("British spellings in English questions", () => {
  const lexicon = loadLexicon(DATA_DIR);

  it.each(["decentralisation of powers", "prioritise the elderly", "analyse the situation"])(
    "%s: every word reaches Vietnamese",
    (q) => {
      expect(uncoveredEnglishWords(q, lexicon)).toEqual([]);
    },
  );

  it("the British and the American question parse alike", () => {
    const alt = (q: string) => parseQuery(q, lexicon).concepts.map((c) => c.alternatives);
    expect(alt("decentralisation of powers to localities")).toEqual(alt("decentralization of powers to localities"));
    expect(alt("mobilise resources")).toEqual(alt("mobilize resources"));
  });
});

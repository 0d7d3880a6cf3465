import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { buildLexicon, loadLexicon, stemPhrase, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery, TYPO_WEIGHT } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { TypoIndex, withinOneEdit } from "../../src/search/typo.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let seeds: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
});

describe("English word forms through the Porter stemmer", () => {
  it("one entry serves every form of the word", () => {
    const lex = buildLexicon([{ en: "vaccination", vi: ["tiêm chủng"] }], []);
    for (const form of ["vaccinate", "vaccinated", "vaccinating", "vaccinations"]) {
      const q = parseQuery(`${form} of workers`, lex);
      expect(
        q.concepts.some((c) => c.alternatives.some((a) => a.join(" ") === "tiêm chủng")),
        form,
      ).toBe(true);
    }
  });

  it("multi-word entries match through the stems of each word", () => {
    const lex = buildLexicon([{ en: "work from home", vi: ["làm việc tại nhà"] }], []);
    expect(stemPhrase("working from home")).toBe(stemPhrase("work from home"));
    const q = parseQuery("should they be working from home?", lex);
    expect(q.lang).toBe("en");
    expect(q.concepts).toEqual([{ alternatives: [["làm", "việc", "tại", "nhà"]] }]);
  });

  it("the project's glossary covers social distancing and checkpoints", () => {
    for (const en of ["social distancing", "checkpoints", "work from home"]) {
      expect(parseQuery(en, lexicon).concepts.length, en).toBeGreaterThan(0);
      expect(parseQuery(en, lexicon).lang).toBe("en");
    }
  });
});

describe("one-typo tolerance", () => {
  it("withinOneEdit: substitution, insertion, deletion, transposition; not two edits", () => {
    expect(withinOneEdit("trang", "trag")).toBe(true);
    expect(withinOneEdit("nghiem", "ngheim")).toBe(true);
    expect(withinOneEdit("sang", "sangg")).toBe(true);
    expect(withinOneEdit("vaccination", "vacination")).toBe(true);
    expect(withinOneEdit("trang", "tra")).toBe(false);
    expect(withinOneEdit("nghiem", "nghiam1")).toBe(false);
  });

  it("TypoIndex finds the words one edit away", () => {
    const index = new TypoIndex(["trang", "trung", "truong", "sang"]);
    expect(index.near("trnag").sort()).toEqual(["trang"]);
    expect(index.near("truogn").sort()).toEqual(["truong"]);
    expect(index.near("trang")).toEqual(["trung"]);
  });

  it("a long word with a typo still finds its passage, ranked below the exact spelling", () => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "d",
          passages: [{ text: "Đeo khẩu trang bắt buộc nơi công cộng." }, { text: "Xét nghiệm sàng lọc tại chợ." }],
        },
      ]),
      { lexicon },
    );
    const exact = index.search("xét nghiệm sàng lọc", 1)[0]!;
    const typo = index.search("xét nghiệm sàngg lọc", 1)[0]!;
    expect(typo.passage.text).toContain("sàng lọc");
    expect(typo.score).toBeLessThan(exact.score);
  });

  it("an English typo finds the glossary word, at reduced weight", () => {
    const q = parseQuery("vacination campaign", lexicon);
    const concept = q.concepts.find((c) => c.alternatives.some((a) => a.join(" ") === "tiêm chủng"));
    expect(concept?.weights?.every((w) => w === TYPO_WEIGHT)).toBe(true);
    expect(seeds.search("vacination campaign", 3).some((h) => /tiêm/u.test(h.passage.text))).toBe(true);
  });

  it("short words are never corrected: an unknown 3-letter word stays what it is", () => {
    const index = buildSearchIndex(makeCorpus([{ docId: "d", passages: [{ text: "Mua bán hàng hóa." }] }]), {
      lexicon,
    });
    expect(index.search("xyz", 5)).toEqual([]);
  });
});

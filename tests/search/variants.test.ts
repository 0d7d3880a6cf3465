import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { buildLexicon, loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { buildVariantIndex, createRespeller, loadVariants } from "../../src/search/variants.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
let seeds: SearchIndex;

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
});

describe("data/variants-vi.json", () => {
  it("loads, and joins the loanword spellings of vắc xin and Covid to their canonical form", () => {
    const index = buildVariantIndex(loadVariants(DATA_DIR));
    for (const v of ["vacxin", "vaccine", "vaccin"]) expect(index.pairs).toContainEqual({ abbr: v, full: "vac xin" });
    expect(index.pairs).toContainEqual({ abbr: "covid", full: "co vit" });
    expect(index.tokens.get("covid19")).toBe("covid");
  });

  it("i/y syllables take the canonical vowel and keep their tone", () => {
    const respell = createRespeller(buildVariantIndex(loadVariants(DATA_DIR)));
    expect(respell("quí")).toBe(respell("quý"));
    expect(respell("kĩ")).toBe(respell("kỹ"));
    expect(respell("kĩ")).not.toBe(respell("kỉ"));
    expect(respell("tay")).toBe("tay");
  });

  it("a folder without the file has no variants; the respelling is then the identity", () => {
    const lex = buildLexicon([], []);
    expect(lex.variants.pairs).toEqual([]);
    expect(lex.respell("quí")).toBe("quí");
  });
});

describe("variant spellings find the same passages", () => {
  it.each(["tiêm vacxin phòng covid", "tiêm vaccine phòng covid", "tiêm vắc-xin phòng covid"])(
    "%s → the vắc xin passages",
    (q) => {
      const hits = seeds.search(q, 3);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]!.passage.text).toMatch(/vắc xin/u);
    },
  );

  it("'cô-vít' in the question finds a passage that writes Covid", () => {
    const hits = seeds.search("tổ cô-vít cộng đồng", 5);
    expect(hits.some((h) => /Covid/u.test(h.passage.text) && /cộng đồng/u.test(h.passage.text))).toBe(true);
  });

  it("a passage spelling 'chiến sỹ' answers 'chiến sĩ', with the exact-diacritic credit", () => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "d",
          passages: [{ text: "Vận động chiến sỹ lực lượng vũ trang ủng hộ." }, { text: "Vận động nhân dân ủng hộ." }],
        },
      ]),
      { lexicon },
    );
    const [hit] = index.search("chiến sĩ lực lượng vũ trang", 2);
    expect(hit!.passage.text).toContain("chiến sỹ");
    expect(lexicon.respell("sĩ")).toBe(lexicon.respell("sỹ"));
    expect(parseQuery("chiến sĩ", lexicon).concepts.map((c) => c.alternatives[0]!.join(" "))).toEqual([
      "chiến",
      lexicon.respell("sỹ"),
    ]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { buildLexicon, loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import {
  buildVariantIndex,
  contractRespellings,
  createRespeller,
  loadVariants,
  respellingsOf,
} from "../../src/search/variants.ts";
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
    for (const v of ["vacxin", "vaccine", "vaccin"])
      expect(index.pairs).toContainEqual({ abbr: v, full: "vac xin", respelling: false });
    // "covid" is the word and "cô vít" spells it out; "vắc xin" is the word and "vaccine" writes it as one token.
    expect(index.pairs).toContainEqual({ abbr: "covid", full: "co vit", respelling: true });
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

  it("'cô-vít' in the question finds a passage that writes Covid, as 'covid' does", () => {
    const hits = seeds.search("tổ cô-vít cộng đồng", 5);
    expect(hits.some((h) => /Covid/u.test(h.passage.text) && /cộng đồng/u.test(h.passage.text))).toBe(true);
    expect(hits.map((h) => h.passage.id)).toEqual(seeds.search("tổ covid cộng đồng", 5).map((h) => h.passage.id));
  });

  it("a word spelled out in syllables is one word: 'ka ra ô kê' and 'karaoke' find each other, 'xa' does not find 'massage'", () => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "d",
          passages: [
            { text: "Tạm dừng hoạt động karaoke, massage tại các cơ sở kinh doanh.", section: "1" },
            { text: "Cán bộ tạm dừng hát ka ra ô kê ở nhà văn hóa thôn.", section: "2" },
            { text: "Hạn chế đi xa, làm việc từ xa khi có thể.", section: "3" },
          ],
        },
      ]),
      { lexicon },
    );
    expect(parseQuery("quán ka ra ô kê", lexicon).concepts.map((c) => c.alternatives)).toEqual([
      [["quán"]],
      [["karaoke"]],
    ]);
    const ids = (q: string) => index.search(q, 5).map((h) => h.passage.id);
    expect(ids("tạm dừng ka ra ô kê")).toEqual(expect.arrayContaining(["d#1", "d#2"]));
    expect(ids("tạm dừng karaoke")).toEqual(expect.arrayContaining(["d#1", "d#2"]));
    // The spelled-out syllables are not words of a passage that writes the word: "mát xa" is not "xa".
    const far = index.search("làm việc từ xa", 5);
    expect(far[0]?.passage.id).toBe("d#3");
    expect(far.find((h) => h.passage.id === "d#1")?.terms ?? []).not.toContain("xa");
  });

  it("contractRespellings leaves other words and keeps positions", () => {
    const respellings = respellingsOf(buildVariantIndex(loadVariants(DATA_DIR)));
    expect(contractRespellings(["tổ", "cô", "vít", "cộng", "đồng"], respellings)).toEqual([
      "tổ",
      "covid",
      null,
      "cộng",
      "đồng",
    ]);
    expect(contractRespellings(["cô", "giáo", null, "vít"], respellings)).toEqual(["cô", "giáo", null, "vít"]);
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

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { fold } from "../../src/search/normalize.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { parseQuery, SYNONYM_WEIGHT } from "../../src/search/parse-query.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import { buildSynonymIndex, synonymAt } from "../../src/search/synonyms.ts";
import { LOAD_OPTIONS, SEED_DIR } from "../helpers/corpus.ts";
import { DATA_DIR, makeCorpus } from "./fixtures.ts";

let lexicon: Lexicon;
beforeAll(() => {
  lexicon = loadLexicon(DATA_DIR);
});

describe("data/synonyms-vi.json", () => {
  it("loads, and ties a cadre's wording to a directive's", () => {
    const q = parseQuery("công ty phải làm gì", lexicon);
    expect(q.concepts[0]?.alternatives).toEqual([
      ["công", "ty"],
      ["doanh", "nghiệp"],
    ]);
    expect(q.concepts[0]?.weights).toEqual([1, SYNONYM_WEIGHT]);
    // Typed without marks, the alternatives are folded too.
    expect(parseQuery("cong ty phai lam gi", lexicon).concepts[0]?.alternatives).toEqual([
      ["cong", "ty"],
      ["doanh", "nghiep"],
    ]);
  });
});

describe("the synonym data", () => {
  it("puts no wording in two groups: a question's wording would find only the first group's", () => {
    const groups = (JSON.parse(readFileSync(join(DATA_DIR, "synonyms-vi.json"), "utf8")) as { groups: string[][] })
      .groups;
    const seen = new Map<string, number>();
    const twice = groups.flatMap((g, k) =>
      g.flatMap((w) => {
        const key = fold(w.toLowerCase());
        const first = seen.get(key);
        seen.set(key, first ?? k);
        return first !== undefined && first !== k ? [w] : [];
      }),
    );
    expect(twice).toEqual([]);
  });

  it("keeps a narrower wording apart: corporate income tax is not personal income tax", () => {
    const words = (q: string) => parseQuery(q, lexicon).concepts.flatMap((c) => c.alternatives.map((a) => a.join(" ")));
    expect(words("Thuế suất thuế thu nhập doanh nghiệp")).toContain("thuế tndn");
    expect(words("Thuế suất thuế thu nhập doanh nghiệp")).not.toContain("thuế tncn");
    expect(words("thuế thu nhập cá nhân")).toContain("thuế tncn");
  });

  it.each([
    ["quan net co duoc mo cua khong", /điểm truy cập internet/u],
    ["Quán karaoke, vũ trường có phải đóng cửa không?", /quán bar/u],
    ["F0 được cách ly ở đâu?", /F0|Covid-19/u],
  ])("a cadre's wording %j finds the seed directive's (%s)", async (q, re) => {
    const seeds = buildSearchIndex(await loadCorpus(SEED_DIR, LOAD_OPTIONS), { lexicon });
    const hits = seeds.search(q, 3);
    expect(hits.some((h) => re.test(h.passage.text))).toBe(true);
  });
});

describe("a one-syllable wording in a question typed without marks", () => {
  const alternatives = (q: string) =>
    parseQuery(q, lexicon).concepts.map((c) => c.alternatives.map((a) => a.join(" ")));

  it.each([
    ["phat trien kinh te", "phat"],
    ["chat luong giao duc", "luong"],
    ["cam ket thuc hien", "cam"],
  ])("%s: %j is not read as a synonym group's marked word (phạt, lương, cấm)", (q, syllable) => {
    expect(alternatives(q)).toContainEqual([syllable]);
  });

  it("is still a group's wording when it has no marks to lose, or when the marks are typed", () => {
    expect(alternatives("f0 cach ly o dau")[0]).toContain("ca nhiem");
    expect(alternatives("phạt nặng")[0]).toContain("xử phạt");
    expect(alternatives("xu phat vi pham")[0]).toContain("xu ly vi pham");
  });
});

describe("a synonym group", () => {
  const index = buildSynonymIndex([["tạm dừng hoạt động", "tạm dừng", "ngừng hoạt động"]]);

  it("matches the longest wording at a position, on whole syllables, with or without marks", () => {
    expect(synonymAt(index, ["tạm", "dừng", "hoạt", "động", "karaoke"], 0)?.length).toBe(4);
    expect(synonymAt(index, ["tam", "dung", "karaoke"], 0)?.length).toBe(2);
    expect(synonymAt(index, ["tạm", "thời"], 0)).toBeNull();
    expect(synonymAt(index, ["ngừng", null, "hoạt", "động"], 0)).toBeNull();
  });
});

describe("searching with synonyms", () => {
  const corpus = () =>
    makeCorpus([
      {
        docId: "cv",
        passages: [
          { text: "Các doanh nghiệp phải xây dựng phương án sản xuất an toàn, phòng chống dịch.", section: "1" },
          { text: "Các công ty vận tải phải khử khuẩn phương tiện sau mỗi chuyến.", section: "2" },
        ],
      },
    ]);

  it("finds the directive's wording of the idea typed, and ranks the wording typed first", () => {
    const index = buildSearchIndex(corpus(), { lexicon });
    expect(index.search("công ty phải làm gì", 3).map((h) => h.passage.section)).toContain("1");
    expect(index.search("công ty phải làm gì", 2)[0]?.passage.section).toBe("2");
  });
});

describe("a citizen's wording finds a statute's", () => {
  it.each([
    [
      "bị đuổi việc có được bồi thường không",
      "Người sử dụng lao động sa thải người lao động trái pháp luật phải bồi thường.",
    ],
    ["có bầu thì được nghỉ bao lâu", "Lao động nữ mang thai được nghỉ thai sản trước và sau khi sinh con 06 tháng."],
    ["sổ đỏ", "Hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất gồm đơn và giấy tờ về đất."],
  ])("%s", (q, statute) => {
    const index = buildSearchIndex(
      makeCorpus([
        {
          docId: "luat",
          passages: [
            { text: statute, section: "Điều 1" },
            { text: "Người lao động được nghỉ hằng năm theo quy định.", section: "Điều 2" },
            { text: "Bồi thường thiệt hại ngoài hợp đồng theo quy định của Bộ luật dân sự.", section: "Điều 3" },
          ],
        },
      ]),
      { lexicon },
    );
    expect(index.search(q, 3)[0]?.passage.section).toBe("Điều 1");
  });
});

describe("a broken synonyms file", () => {
  it("is an error naming the file and what is wrong", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadSynonyms } = await import("../../src/search/synonyms.ts");
    const dir = await mkdtemp(join(tmpdir(), "synonyms-"));
    await writeFile(join(dir, "synonyms-vi.json"), JSON.stringify({ version: 1, groups: [["một"]] }));
    expect(() => loadSynonyms(dir)).toThrow(/synonyms: .*synonyms-vi\.json: groups\.0/u);
    await writeFile(join(dir, "synonyms-vi.json"), "{ not json");
    expect(() => loadSynonyms(dir)).toThrow(/synonyms: .*synonyms-vi\.json/u);
  });
});

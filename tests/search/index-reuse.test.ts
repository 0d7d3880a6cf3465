import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/build-answer.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { buildAbbreviationIndex } from "../../src/search/abbreviations.ts";
import { loadLexicon, type Lexicon } from "../../src/search/glossary.ts";
import { loadIndexCache, saveIndexCache } from "../../src/search/index-reuse.ts";
import { buildSearchIndex } from "../../src/search/search-index.ts";
import type { SearchIndex } from "../../src/search/types.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";
import { DATA_DIR } from "./fixtures.ts";

const QUESTIONS = [
  "tiêm vắc xin cho người cao tuổi",
  "Ai chịu trách nhiệm cách ly tập trung?",
  "công văn 146",
  "who handles quarantine?",
];
let lexicon: Lexicon;
let corpus: Corpus;
let fresh: SearchIndex;
const answers = (index: SearchIndex) =>
  QUESTIONS.map((q) => answerQuestion(q, 5, { index, publicBaseUrl: "http://x" }));

beforeAll(async () => {
  lexicon = loadLexicon(DATA_DIR);
  corpus = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  fresh = buildSearchIndex(corpus, { lexicon });
});
afterAll(removeCorpusDirs);

describe("index builds reuse the previous build's encodings", () => {
  it("an unchanged corpus encodes nothing again and answers exactly as a fresh build", () => {
    expect(fresh.reuse?.encoded).toBe(corpus.passages.length);
    const again = buildSearchIndex(corpus, { lexicon, previous: fresh.reuse! });
    expect(again.reuse?.encoded).toBe(0);
    expect(answers(again)).toEqual(answers(fresh));
  });

  it("a changed passage is encoded again; the index serving before keeps answering", async () => {
    const dir = await makeCorpusDir({}, { withSeeds: true });
    const file = join(dir, `${SEED.yenThe}.txt`);
    await writeFile(file, (await readFile(file, "utf8")).replace("tiềm ẩn", "tiềm ẩn, kể cả bệnh sốt xuất huyết"));
    const changed = await loadCorpus(dir, LOAD_OPTIONS);
    const before = answers(fresh);
    const next = buildSearchIndex(changed, { lexicon, previous: fresh.reuse! });
    expect(next.reuse!.encoded).toBeGreaterThan(0);
    expect(next.reuse!.encoded).toBeLessThan(changed.passages.length / 2);
    expect(answers(next)).toEqual(answers(buildSearchIndex(changed, { lexicon })));
    expect(answerQuestion("sốt xuất huyết", 3, { index: next, publicBaseUrl: "http://x" }).answers[0]?.docId).toBe(
      SEED.yenThe,
    );
    // The shared encoder grew; the old index's answers did not change.
    expect(answers(fresh)).toEqual(before);
  });

  it("another abbreviation list reuses nothing", () => {
    const other = { ...lexicon, abbreviations: [...lexicon.abbreviations, { abbr: "ZZQ", full: "zi zi quy" }] };
    const index = buildSearchIndex(corpus, { lexicon: other, previous: fresh.reuse! });
    expect(index.reuse?.encoded).toBe(corpus.passages.length);
  });
});

describe("index cache file (STATE_DIR/index-cache.bin)", () => {
  it("round-trips: a restart encodes nothing and answers the same", async () => {
    const path = join(await makeCorpusDir({}), "index-cache.bin");
    await saveIndexCache(path, fresh.reuse!);
    const loaded = await loadIndexCache(path, buildAbbreviationIndex(lexicon));
    expect(loaded?.passages.size).toBe(fresh.reuse!.passages.size);
    const warm = buildSearchIndex(corpus, { lexicon, previous: loaded! });
    expect(warm.reuse?.encoded).toBe(0);
    expect(answers(warm)).toEqual(answers(fresh));
  });

  it.each([
    ["missing", async (_path: string) => undefined, true],
    ["truncated", async (path: string) => writeFile(path, (await readFile(path)).subarray(0, 1000)), false],
    ["garbage", async (path: string) => writeFile(path, Buffer.from("garbage, not a cache")), false],
    [
      "a damaged header",
      async (path: string) => {
        const buf = await readFile(path);
        buf[10] = 0x7b;
        await writeFile(path, buf);
      },
      false,
    ],
    [
      "ids past the vocabulary",
      async (path: string) => {
        // The first id of the "terms" section (kind, pairs, termOffsets, terms, …) made one past any term.
        const buf = await readFile(path);
        const head = buf.readUInt32LE(0);
        const { lengths } = JSON.parse(buf.subarray(4, 4 + head).toString("utf8")) as { lengths: number[] };
        const pad8 = (n: number) => Math.ceil(n / 8) * 8;
        buf.writeInt32LE(0x7fffffff, 4 + head + pad8(lengths[0]!) + pad8(lengths[1]!) + pad8(lengths[2]!));
        await writeFile(path, buf);
      },
      false,
    ],
  ])("%s → null (rebuilt, never trusted)", async (_name, damage, remove) => {
    const path = join(await makeCorpusDir({}), "index-cache.bin");
    if (!remove) await saveIndexCache(path, fresh.reuse!);
    await damage(path);
    expect(await loadIndexCache(path, buildAbbreviationIndex(lexicon))).toBeNull();
  });

  it("a cache made with another abbreviation list → null", async () => {
    const path = join(await makeCorpusDir({}), "index-cache.bin");
    await saveIndexCache(path, fresh.reuse!);
    const other = { ...lexicon, abbreviations: [...lexicon.abbreviations, { abbr: "ZZQ", full: "zi zi quy" }] };
    expect(await loadIndexCache(path, buildAbbreviationIndex(other))).toBeNull();
  });
});

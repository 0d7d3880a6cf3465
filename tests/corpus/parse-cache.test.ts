import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createParseCache, loaderVersion } from "../../src/corpus/parse-cache.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { LOAD_OPTIONS, SEED, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterAll(removeCorpusDirs);

/** What a load yields, without its time stamp: a cached load must yield exactly this. */
const view = (c: Corpus) => ({
  documents: [...c.documents.values()].map((d) => ({
    meta: d.meta,
    passages: d.passages,
    text: d.text,
    contentHash: d.contentHash,
    links: d.links,
  })),
  reports: c.reports,
});
const entries = async (state: string) => (await readdir(join(state, "parse-cache"))).filter((n) => n.endsWith(".json"));

async function setup() {
  const dir = await makeCorpusDir(
    { "scan-only-headers.txt": "CÔNG BÁO/Số 302/Ngày 02-06-2026\n\n6\n\nCÔNG BÁO/Số 302/Ngày 02-06-2026\n\n7\n" },
    { withSeeds: true },
  );
  const state = await makeCorpusDir({});
  return { dir, state };
}

describe("parse cache (STATE_DIR/parse-cache)", () => {
  it("a restart on unchanged files reads every file from the cache and loads exactly the same corpus", async () => {
    const { dir, state } = await setup();
    const plain = await loadCorpus(dir, LOAD_OPTIONS);
    const first = createParseCache(state);
    const cold = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: first });
    expect(first.stats).toEqual({ hits: 0, misses: 6, rejected: 0 });
    const second = createParseCache(state);
    const warm = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: second });
    expect(second.stats).toEqual({ hits: 6, misses: 0, rejected: 0 });
    expect(view(cold)).toEqual(view(plain));
    expect(view(warm)).toEqual(view(plain));
    // The unreadable file is refused the same way from the cache.
    expect(warm.reports.find((r) => r.file === "scan-only-headers.txt")?.status).toBe("error");
  });

  it("a changed file is parsed again, the others are not, and its stale entry is deleted", async () => {
    const { dir, state } = await setup();
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    const file = join(dir, `${SEED.yenThe}.txt`);
    await writeFile(
      file,
      `${await readFile(file, "utf8")}\n\n5. Trạm y tế xã tổ chức tiêm vắc xin lưu động cho người cao tuổi tại nhà.\n`,
    );
    const cache = createParseCache(state);
    const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(cache.stats).toEqual({ hits: 5, misses: 1, rejected: 0 });
    expect(corpus.documents.get(SEED.yenThe)!.text).toContain("tiêm vắc xin lưu động");
    expect(await entries(state)).toHaveLength(6);
  });

  it("a changed sidecar is a change of the file", async () => {
    const { dir, state } = await setup();
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    await writeFile(join(dir, `${SEED.namDinh}.meta.json`), JSON.stringify({ title: "Tiêu đề mới" }));
    const cache = createParseCache(state);
    const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(cache.stats.misses).toBe(1);
    expect(corpus.documents.get(SEED.namDinh)!.meta.title).toBe("Tiêu đề mới");
  });

  it.each([
    ["garbage", () => "not json {"],
    ["truncated JSON", (raw: string) => raw.slice(0, raw.length / 2)],
    ["another file's entry", (_raw: string, other: string) => other],
    [
      "the right key with a broken document",
      (raw: string) => JSON.stringify({ ...JSON.parse(raw), parsed: { document: { meta: {} } } }),
    ],
  ])("a corrupt entry (%s) is rejected and rebuilt, never trusted", async (_name, damage) => {
    const { dir, state } = await setup();
    const plain = await loadCorpus(dir, LOAD_OPTIONS);
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    const names = await entries(state);
    const target = join(state, "parse-cache", names[0]!);
    const other = await readFile(join(state, "parse-cache", names[1]!), "utf8");
    await writeFile(target, damage(await readFile(target, "utf8"), other));
    const cache = createParseCache(state);
    const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(cache.stats).toEqual({ hits: 5, misses: 1, rejected: 1 });
    expect(view(corpus)).toEqual(view(plain));
    // Rebuilt: the next start trusts it again.
    const again = createParseCache(state);
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: again });
    expect(again.stats.hits).toBe(6);
  });

  it("another loader version uses none of the entries", async () => {
    const { dir, state } = await setup();
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state, { version: "loader-a" }) });
    const other = createParseCache(state, { version: "loader-b" });
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: other });
    expect(other.stats).toEqual({ hits: 0, misses: 6, rejected: 0 });
    expect(await entries(state)).toHaveLength(6);
  });

  it("the loader version is a hash of the corpus code, stable within a process", () => {
    expect(loaderVersion()).toMatch(/^[0-9a-f]{16}$/);
    expect(loaderVersion()).toBe(loaderVersion());
  });

  it("a missing or unwritable cache folder only costs the parse", async () => {
    const { dir, state } = await setup();
    await rm(state, { recursive: true, force: true });
    const cache = createParseCache(join(state, "deeper"));
    const corpus = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(corpus.documents.size).toBe(5);
    // A STATE_DIR that is a file: no folder can be made in it (root included).
    const blocker = join(await makeCorpusDir({ "state-is-a-file": "x" }), "state-is-a-file");
    const unwritable = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(blocker) });
    expect(unwritable.documents.size).toBe(5);
  });
});

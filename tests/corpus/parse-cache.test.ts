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

/** An entry whose first document passage's span is replaced by `span(text)` (null: the span removed). */
function withSpan(raw: string, span: (text: string) => unknown): string {
  const entry = JSON.parse(raw);
  const doc = entry.parsed.document;
  const first = doc.passages[0];
  delete first.text;
  first.at = span(doc.text);
  if (first.at === null) delete first.at;
  return JSON.stringify(entry);
}

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
    ["a passage span past the end of the text", (raw: string) => withSpan(raw, (text) => [0, text.length + 1])],
    ["a passage span backwards", (raw: string) => withSpan(raw, () => [5, 2])],
    ["a passage span that is not two integers", (raw: string) => withSpan(raw, () => [0.5, "3"])],
    ["a passage with neither text nor span", (raw: string) => withSpan(raw, () => null)],
    [
      "bytes that are not UTF-8 inside a string",
      (raw: string) =>
        Buffer.concat([Buffer.from(raw.slice(0, 200)), Buffer.from([0xff, 0xc3]), Buffer.from(raw.slice(200))]),
    ],
  ])("a corrupt entry (%s) is rejected and rebuilt, never trusted", async (_name, damage) => {
    const { dir, state } = await setup();
    const plain = await loadCorpus(dir, LOAD_OPTIONS);
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    // A document's entry first (not the unreadable file's, nor the header-only scan's: it is kept parsed, with no
    // passages), so that every kind of damage hits a document. Keys are hashes of the loader's code: any order.
    const all = await entries(state);
    const isDocument = async (n: string) =>
      (JSON.parse(await readFile(join(state, "parse-cache", n), "utf8")).parsed?.document?.passages?.length ?? 0) > 0;
    const docEntry = all[(await Promise.all(all.map(isDocument))).indexOf(true)]!;
    const names = [docEntry, ...all.filter((n) => n !== docEntry)];
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

  it("a passage is stored as its span of the document's text, and reads back as the same passage, keys in order", async () => {
    const { dir, state } = await setup();
    const plain = await loadCorpus(dir, LOAD_OPTIONS);
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    let spans = 0;
    for (const name of await entries(state)) {
      const doc = JSON.parse(await readFile(join(state, "parse-cache", name), "utf8")).parsed?.document;
      for (const p of doc?.passages ?? []) {
        if (p.at) {
          spans++;
          expect(p.text).toBeUndefined();
          expect(doc.text.slice(p.at[0], p.at[1]).length).toBe(p.at[1] - p.at[0]);
        } else expect(typeof p.text).toBe("string");
      }
    }
    expect(spans).toBeGreaterThan(50);
    const warm = await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    const seed = (c: Corpus) => c.documents.get(SEED.yenThe)!.passages;
    expect(seed(warm)).toEqual(seed(plain));
    expect(seed(warm).map((p) => Object.keys(p))).toEqual(seed(plain).map((p) => Object.keys(p)));
  });

  it("a reload through the same cache takes unchanged files from memory, as fresh documents that linking cannot share", async () => {
    const { dir, state } = await setup();
    const plain = await loadCorpus(dir, LOAD_OPTIONS);
    const cache = createParseCache(state);
    const first = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    // The JSON on disk is not read again: a damaged entry does not matter to this process.
    for (const name of await entries(state)) await writeFile(join(state, "parse-cache", name), "not json {");
    const second = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(cache.stats).toEqual({ hits: 6, misses: 6, rejected: 0 });
    expect(view(second)).toEqual(view(plain));
    expect(second.reports.find((r) => r.file === "scan-only-headers.txt")?.status).toBe("error");
    // Two loads, two sets of objects: what one load's linking writes, the other never sees.
    const a = first.documents.get(SEED.yenThe)!;
    const b = second.documents.get(SEED.yenThe)!;
    expect(b).not.toBe(a);
    expect(b.passages[0]).not.toBe(a.passages[0]);
    expect(b.links).not.toBe(a.links);
    a.meta.status = "superseded";
    a.passages[0]!.role = "phối hợp";
    expect(b.meta.status).toBe(plain.documents.get(SEED.yenThe)!.meta.status);
    expect(b.passages[0]!.role).toBe(plain.documents.get(SEED.yenThe)!.passages[0]!.role);
    const third = await loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    expect(view(third)).toEqual(view(plain));
  });

  it("a new process does not trust what the old one kept in memory: damaged entries on disk are rejected", async () => {
    const { dir, state } = await setup();
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: createParseCache(state) });
    for (const name of await entries(state)) await writeFile(join(state, "parse-cache", name), "not json {");
    const fresh = createParseCache(state);
    await loadCorpus(dir, { ...LOAD_OPTIONS, cache: fresh });
    expect(fresh.stats).toEqual({ hits: 0, misses: 6, rejected: 6 });
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

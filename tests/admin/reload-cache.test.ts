import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createReloader } from "../../src/admin/reloader.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { createParseCache } from "../../src/corpus/parse-cache.ts";
import { engineFor, type Engine } from "../../src/engine.ts";
import { createLogger } from "../../src/log.ts";
import { LOAD_OPTIONS, SEED, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterAll(removeCorpusDirs);

describe("reload with the parse cache and the previous index's encodings", () => {
  it("re-parses only the changed file, re-encodes only its changed passages, and answers from the new text", async () => {
    const dir = await makeCorpusDir({}, { withSeeds: true });
    const state = await makeCorpusDir({});
    const cache = createParseCache(state);
    const load = () => loadCorpus(dir, { ...LOAD_OPTIONS, cache });
    let engine: Engine = engineFor(await load(), "http://x");
    const total = engine.corpus.passages.length;
    const reloader = createReloader({
      load,
      current: () => engine.corpus,
      swap: (corpus) => {
        engine = engineFor(corpus, "http://x", { previous: engine.index.reuse ?? null });
      },
      log: createLogger("silent"),
    });
    const file = join(dir, `${SEED.namDinh}.txt`);
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("tâm lý chủ quan", "tâm lý chủ quan, lơ là với bệnh sốt xuất huyết"),
    );
    const misses = cache.stats.misses;
    const report = await reloader.reload("signal", null);
    expect(report.ok).toBe(true);
    expect(report.changed).toEqual([SEED.namDinh]);
    expect(cache.stats.misses - misses).toBe(1);
    expect(engine.index.reuse!.encoded).toBeGreaterThan(0);
    expect(engine.index.reuse!.encoded).toBeLessThan(total / 4);
    expect(engine.ask("lơ là với bệnh sốt xuất huyết", 3).answers[0]?.docId).toBe(SEED.namDinh);
  });
});

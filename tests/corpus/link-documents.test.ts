import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { LOAD_OPTIONS, removeCorpusDirs, SEED, SEED_DIR } from "../helpers/corpus.ts";
import { DUTY, dutiesCorpusDir } from "../answer/duties-fixtures.ts";

let seeds: Corpus;
let corpus: Corpus;
beforeAll(async () => {
  seeds = await loadCorpus(SEED_DIR, LOAD_OPTIONS);
  corpus = await loadCorpus(await dutiesCorpusDir(), LOAD_OPTIONS);
});
afterAll(removeCorpusDirs);

const doc = (c: Corpus, id: string) => c.documents.get(id)!;

describe("linking a corpus: validity, citations, deadlines, roles", () => {
  it("the seeds replace nothing: every seed is in force, none superseded", () => {
    for (const d of seeds.documents.values()) {
      expect(d.meta.status).toBe("in-force");
      expect(d.meta.supersededBy).toBeNull();
    }
    expect(doc(seeds, SEED.yenThe).links!.cites.map((r) => r.number)).toEqual(["571-CV/TU", "105-KL/TU", "278-CV/HU"]);
  });

  it("'Công văn này thay thế Công văn số 215-CV/HU …' marks 215 superseded by the replacing letter", () => {
    const replaced = doc(corpus, DUTY.replaced);
    expect(replaced.meta.status).toBe("superseded");
    expect(replaced.meta.supersededBy).toBe(DUTY.replacing);
    expect(replaced.links!.replacedByName).toBe("Công văn số 300-CV/HU ngày 10/8/2021");
    expect(replaced.links!.citedBy).toContain(DUTY.replacing);
    const replacing = doc(corpus, DUTY.replacing);
    expect(replacing.meta.status).toBe("in-force");
    expect(replacing.links!.replaces.map((r) => r.docId)).toContain(DUTY.replaced);
  });

  it("a sidecar sets status and supersededBy by hand (a number resolves to its document)", () => {
    const d = doc(corpus, DUTY.bySidecar);
    expect(d.meta.status).toBe("superseded");
    expect(d.meta.supersededBy).toBe(DUTY.replacing);
    expect(doc(corpus, DUTY.replacing).links!.replaces.map((r) => r.docId)).toContain(DUTY.bySidecar);
  });

  it("passages carry dated, relative and recurring deadlines and the actor's role", () => {
    const bySection = new Map(doc(corpus, DUTY.replacing).passages.map((p) => [p.section, p]));
    expect(bySection.get("1")!.deadlines).toEqual([{ date: "2021-09-30", text: "trước ngày 30/9/2021" }]);
    expect(bySection.get("2")!.deadlines).toEqual([
      { date: null, text: "trong vòng 48 giờ kể từ khi phát hiện ca bệnh" },
    ]);
    expect(bySection.get("2")!.role).toBe("chủ trì");
    expect(bySection.get("3")!.deadlines).toEqual([{ date: null, text: "định kỳ hằng tuần" }]);
    expect(bySection.get("3")!.actor).toBe("Công an huyện");
    expect(bySection.get("4")!.deadlines![0]!.date).toBe("2021-09-30");
  });

  it("linking again (a reload) gives the same result", async () => {
    const again = await loadCorpus(await dutiesCorpusDir(), LOAD_OPTIONS);
    expect(doc(again, DUTY.replaced).meta).toEqual(doc(corpus, DUTY.replaced).meta);
  });
});

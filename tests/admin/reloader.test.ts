import { describe, expect, it } from "vitest";
import { createReloader, validateCorpus } from "../../src/admin/reloader.ts";
import type { Corpus, CorpusDocument } from "../../src/corpus/types.ts";
import { createLogger } from "../../src/log.ts";

const log = createLogger("silent");

function corpus(docs: Record<string, string>, errors: string[] = []): Corpus {
  const documents = new Map<string, CorpusDocument>();
  const passages = [];
  for (const [docId, hash] of Object.entries(docs)) {
    const passage = {
      id: `${docId}#1`,
      docId,
      anchor: "1",
      section: "1",
      heading: null,
      actor: null,
      text: `văn bản ${docId}`,
      order: 0,
    };
    passages.push(passage);
    documents.set(docId, {
      meta: { docId } as CorpusDocument["meta"],
      passages: [passage],
      text: passage.text,
      contentHash: hash,
      file: `${docId}.txt`,
    });
  }
  return {
    documents,
    passages,
    reports: [
      ...Object.keys(docs).map((d) => ({
        file: `${d}.txt`,
        docId: d,
        status: "ok" as const,
        passages: 1,
        warnings: [],
        meta: documents.get(d)!.meta,
      })),
      ...errors.map((f) => ({ file: f, docId: null, status: "error" as const, error: "binary content", warnings: [] })),
    ],
    loadedAt: new Date(),
  };
}

describe("reloader", () => {
  it("swaps in the new corpus and reports added, changed and removed documents", async () => {
    let current = corpus({ a: "1", b: "2", c: "3" });
    const reloader = createReloader({
      load: async () => corpus({ a: "1", b: "2x", d: "4" }, ["bad.txt"]),
      current: () => current,
      swap: (c) => (current = c),
      log,
    });
    const r = await reloader.reload("command", 7);
    expect(r).toMatchObject({ ok: true, added: ["d"], changed: ["b"], removed: ["c"], documents: 3, passages: 3 });
    expect(r.fileErrors).toEqual([{ file: "bad.txt", error: "binary content" }]);
    expect([...current.documents.keys()]).toEqual(["a", "b", "d"]);
  });

  it("keeps serving the old corpus when the new one has no passage, and says why", async () => {
    const old = corpus({ a: "1" });
    let current = old;
    const reloader = createReloader({
      load: async () => corpus({}, ["a.txt", "b.txt"]),
      current: () => current,
      swap: (c) => (current = c),
      log,
    });
    const r = await reloader.reload("watch", null);
    expect(r.ok).toBe(false);
    expect(r.error).toBe("no citable passage in the new corpus (0 documents, 2 unreadable files)");
    expect(current).toBe(old);
    expect(validateCorpus(old)).toBeNull();
  });

  it("keeps the old corpus when the folder cannot be read", async () => {
    const old = corpus({ a: "1" });
    let current = old;
    const reloader = createReloader({
      load: async () => Promise.reject(new Error("EACCES")),
      current: () => current,
      swap: (c) => (current = c),
      log,
    });
    expect(await reloader.reload("signal", null)).toMatchObject({
      ok: false,
      error: "cannot read the corpus folder: EACCES",
    });
    expect(current).toBe(old);
  });

  it("runs one reload at a time; requests during a reload share one reload after it", async () => {
    let current = corpus({ a: "1" });
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reloader = createReloader({
      load: async () => {
        loads++;
        if (loads === 1) await gate;
        return corpus({ a: "1", [`n${loads}`]: "x" });
      },
      current: () => current,
      swap: (c) => (current = c),
      log,
    });
    const first = reloader.reload("command", 1);
    const second = reloader.reload("watch", null);
    const third = reloader.reload("signal", null);
    expect(second).toBe(third);
    release();
    const [r1, r2] = await Promise.all([first, second, third]);
    expect(loads).toBe(2);
    expect(r1!.added).toEqual(["n1"]);
    expect(r2!.added).toEqual(["n2"]);
  });

  it("announces after the swap and reports the alerts queued", async () => {
    let current = corpus({ a: "1" });
    const seen: number[] = [];
    const reloader = createReloader({
      load: async () => corpus({ a: "1", b: "2" }),
      current: () => current,
      swap: (c) => (current = c),
      announce: (c) => (seen.push(c.documents.size), 3),
      log,
    });
    expect((await reloader.reload("upload", 5)).queued).toBe(3);
    expect(seen).toEqual([2]);
  });
});

describe("reloader: failures after the load", () => {
  it("keeps the old corpus when building the index throws, and the next request still reloads", async () => {
    const old = corpus({ a: "1" });
    let current = old;
    let fail = true;
    const reloader = createReloader({
      load: async () => corpus({ a: "1", b: "2" }),
      current: () => current,
      swap: (c) => {
        if (fail) throw new Error("out of memory");
        current = c;
      },
      log,
    });
    expect(await reloader.reload("command", 1)).toMatchObject({
      ok: false,
      error: "cannot build the new index: out of memory",
    });
    expect(current).toBe(old);
    fail = false;
    expect((await reloader.reload("command", 1)).ok).toBe(true);
    await reloader.settled();
  });

  it("serves the new corpus even when queuing its alerts fails", async () => {
    let current = corpus({ a: "1" });
    const reloader = createReloader({
      load: async () => corpus({ a: "1", b: "2" }),
      current: () => current,
      swap: (c) => (current = c),
      announce: () => {
        throw new Error("database is locked");
      },
      log,
    });
    const r = await reloader.reload("signal", null);
    expect(r).toMatchObject({ ok: true, added: ["b"], queued: 0 });
    expect(current.documents.has("b")).toBe(true);
  });
});

import { chmod, copyFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setImmediate as tick } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createReloader } from "../../src/admin/reloader.ts";
import type { ReloadReport } from "../../src/admin/types.ts";
import { engineFor, type Engine } from "../../src/engine.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { createLogger } from "../../src/log.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR, makeCorpusDir, removeCorpusDirs } from "../helpers/corpus.ts";

afterEach(removeCorpusDirs);

const BASE = "http://bot.test";
const NEW_DOC = SEED.kienGiang;
const NEW_QUESTION = "Kiên Giang giãn cách xã hội theo Chỉ thị 16 từ ngày nào đến ngày nào?";
const OLD_QUESTION = "Ai chịu trách nhiệm tiêm vắc xin?";
const QUESTIONS = [
  OLD_QUESTION,
  "Quảng Ngãi chỉ thị phòng chống Covid",
  "Nam Định yêu cầu gì về phòng chống dịch?",
  "giãn cách xã hội",
  "Thường trực Tỉnh ủy thông báo",
];

/** Deterministic bytes that look like a binary file, NULs included. */
function garbage(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = i % 61 === 0 ? 0 : x >>> 24;
  }
  return bytes;
}

/** A corpus folder with four of the five seeds (not Kiên Giang), an engine serving it, and a reloader over it. */
async function setup() {
  const dir = await makeCorpusDir({});
  for (const id of Object.values(SEED))
    if (id !== NEW_DOC) await copyFile(join(SEED_DIR, `${id}.txt`), join(dir, `${id}.txt`));
  const load = () => loadCorpus(dir, LOAD_OPTIONS);
  let engine: Engine = engineFor(await load(), BASE);
  let loads = 0;
  let swaps = 0;
  const reloader = createReloader({
    load: () => {
      loads++;
      return load();
    },
    current: () => engine.corpus,
    swap: (corpus: Corpus) => {
      swaps++;
      engine = engineFor(corpus, BASE);
    },
    log: createLogger("silent"),
  });
  return {
    dir,
    reloader,
    engine: () => engine,
    counts: () => ({ loads, swaps }),
    addNewDoc: () => copyFile(join(SEED_DIR, `${NEW_DOC}.txt`), join(dir, `${NEW_DOC}.txt`)),
  };
}

const firstUrl = (engine: Engine, question: string) => engine.ask(question, 5).answers[0]?.url ?? "";

describe("reloading the corpus in process (loadCorpus + engineFor)", () => {
  it("a reload with one broken file serves the rest, adds the new document and names the broken file", async () => {
    const s = await setup();
    expect(firstUrl(s.engine(), NEW_QUESTION)).not.toContain(`/d/${NEW_DOC}`);
    await s.addNewDoc();
    await writeFile(join(s.dir, "hong.txt"), garbage(4096));

    const report = await s.reloader.reload("command", 1);
    expect(report.ok).toBe(true);
    expect(report.added).toEqual([NEW_DOC]);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.documents).toBe(5);
    expect(report.passages).toBe(s.engine().corpus.passages.length);
    expect(report.fileErrors).toHaveLength(1);
    expect(report.fileErrors[0]!.file).toBe("hong.txt");
    expect(report.fileErrors[0]!.error).toMatch(/not UTF-8 text|binary content/);

    expect(s.engine().corpus.documents.size).toBe(5);
    expect(firstUrl(s.engine(), NEW_QUESTION)).toContain(`${BASE}/d/${NEW_DOC}#`);
    expect(s.engine().ask(OLD_QUESTION, 5).answers.length).toBeGreaterThan(0);
  });

  it("a reload where every file is broken keeps the old corpus and says why", async () => {
    const s = await setup();
    const before = s.engine();
    const names = await readdir(s.dir);
    expect(names).toHaveLength(4);
    for (const [i, name] of names.entries()) {
      await chmod(join(s.dir, name), 0o644); // seeds are read-only; copies keep the mode
      await writeFile(join(s.dir, name), garbage(2048, i + 1));
    }

    const report = await s.reloader.reload("command", 1);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/no citable passage/);
    expect(report.fileErrors.map((e) => e.file).sort()).toEqual([...names].sort());
    expect(report.added).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.documents).toBe(4);
    expect(report.passages).toBe(before.corpus.passages.length);
    expect(s.counts().swaps).toBe(0);
    // Same engine object, same corpus: nothing was swapped in.
    expect(s.engine()).toBe(before);
    expect(s.engine().corpus.documents.size).toBe(4);
    expect(s.engine().ask(OLD_QUESTION, 5).answers.length).toBeGreaterThan(0);
  });

  it("a folder that cannot be listed is a failed reload, not a crash", async () => {
    const s = await setup();
    const before = s.engine();
    await rm(s.dir, { recursive: true, force: true });
    const report = await s.reloader.reload("signal", null);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/^cannot read the corpus folder/);
    expect(s.engine()).toBe(before);
  });

  it("questions asked during a reload all get answers; after the swap the new document answers", async () => {
    const s = await setup();
    await s.addNewDoc();
    const old = s.engine();
    let settled = false;
    const pending = s.reloader.reload("watch", null).then((r) => {
      settled = true;
      return r;
    });

    let askedWhileReloading = 0;
    const servedBy = new Set<Engine>();
    for (let i = 0; i < 50; i++) {
      const engine = s.engine();
      servedBy.add(engine);
      if (!settled) askedWhileReloading++;
      const set = engine.ask(QUESTIONS[i % QUESTIONS.length]!, 5);
      expect(set.answers.length, `question ${i}`).toBeGreaterThan(0);
      expect(set.answers[0]!.excerpt.length).toBeGreaterThan(0);
      await tick();
    }
    expect(askedWhileReloading).toBeGreaterThan(0);

    const report: ReloadReport = await pending;
    expect(report.ok).toBe(true);
    expect(report.added).toEqual([NEW_DOC]);
    expect(s.engine()).not.toBe(old);
    // Every answer came from one of the two engines, never from something half-built.
    for (const e of servedBy) expect([old, s.engine()]).toContain(e);
    // A question that started on the old index finishes on it after the swap.
    expect(old.ask(OLD_QUESTION, 5).answers.length).toBeGreaterThan(0);
    expect(firstUrl(old, NEW_QUESTION)).not.toContain(`/d/${NEW_DOC}`);
    expect(firstUrl(s.engine(), NEW_QUESTION)).toContain(`${BASE}/d/${NEW_DOC}#`);
  });

  it("one reload at a time: requests during a reload share a single reload after it", async () => {
    const s = await setup();
    const first = s.reloader.reload("command", 1);
    const second = s.reloader.reload("watch", null);
    const third = s.reloader.reload("signal", null);
    expect(second).toBe(third);
    const reports = await Promise.all([first, second, third]);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(s.counts()).toEqual({ loads: 2, swaps: 2 });
    // And after that, a new request runs again.
    await s.reloader.reload("command", 1);
    expect(s.counts().loads).toBe(3);
  });
});

import { copyFile, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IGNORED_FILE, watchCorpus, type CorpusWatcher } from "../../src/corpus/watch-corpus.ts";
import { SEED, SEED_DIR } from "../helpers/corpus.ts";

const DEBOUNCE_MS = 100;
/** Long enough after the last write for a debounced call to have fired, were it going to. */
const QUIET_MS = DEBOUNCE_MS * 4;
const TEMP_FILES = ["x.swp", "x.txt~", ".tmp-upload", "#x#"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("watchCorpus: a debounced reload trigger on DATA_DIR", () => {
  let dir: string;
  let watcher: CorpusWatcher | undefined;
  let calls: string[][];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "watch-corpus-"));
    calls = [];
    watcher = watchCorpus(dir, (files) => calls.push(files), DEBOUNCE_MS);
  });

  afterEach(async () => {
    watcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("calls onChange once, after the folder is quiet, when a seed file is copied in; the list names the file", async () => {
    const name = `${SEED.kienGiang}.txt`;
    await copyFile(join(SEED_DIR, name), join(dir, name));
    const files = await poll("onChange", () => calls[0]);
    expect(files).toEqual([name]);
    await sleep(QUIET_MS);
    expect(calls).toHaveLength(1);
  });

  it("one burst of writes to several files is one call listing them all, sorted", async () => {
    const names = [`${SEED.yenThe}.txt`, `${SEED.namDinh}.txt`];
    for (const n of names) await copyFile(join(SEED_DIR, n), join(dir, n));
    await writeFile(join(dir, names[0]!), "sửa lại\n", { flag: "a" });
    await poll("onChange", () => calls[0]);
    await sleep(QUIET_MS);
    expect(calls).toEqual([[...names].sort()]);
  });

  it("ignores editors' swap, backup and temp files", async () => {
    for (const f of TEMP_FILES) expect(IGNORED_FILE.test(f), f).toBe(true);
    for (const f of TEMP_FILES) await writeFile(join(dir, f), "tạm\n");
    await writeFile(join(dir, "x.swp"), "tạm nữa\n", { flag: "a" });
    await rm(join(dir, "#x#"));
    await sleep(QUIET_MS);
    expect(calls).toEqual([]);

    // Temp-file noise in the same burst as a real change does not reach the list.
    const name = `${SEED.thongBao}.txt`;
    for (const f of TEMP_FILES) await writeFile(join(dir, f), "tạm lần hai\n");
    await copyFile(join(SEED_DIR, name), join(dir, name));
    await poll("onChange", () => calls[0]);
    await sleep(QUIET_MS);
    expect(calls).toEqual([[name]]);
  });

  it("an upload written as a dot-temp file and renamed into place is seen under its final name", async () => {
    const name = `${SEED.quangNgai}.txt`;
    await copyFile(join(SEED_DIR, name), join(dir, ".tmp-upload"));
    await rename(join(dir, ".tmp-upload"), join(dir, name));
    await poll("onChange", () => calls[0]);
    await sleep(QUIET_MS);
    expect(calls).toEqual([[name]]);
  });

  it("close() stops it, including a call that was pending", async () => {
    await writeFile(join(dir, "a.txt"), "một\n");
    watcher!.close();
    await writeFile(join(dir, "b.txt"), "hai\n");
    await sleep(QUIET_MS);
    expect(calls).toEqual([]);
    watcher!.close(); // twice is harmless
  });
});

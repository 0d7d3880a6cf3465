import { chmod, copyFile, mkdir, readdir, readFile, symlink, unlink, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createReloader } from "../../src/admin/reloader.ts";
import type { ReloadReport } from "../../src/admin/types.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { createLogger } from "../../src/log.ts";
import { LOAD_OPTIONS, SEED, SEED_DIR, makeCorpusDir, removeCorpusDirs, reportOf } from "../helpers/corpus.ts";
import { smallDoc, writeSmallDocs } from "./helpers.ts";

/**
 * Hooks into the corpus reader's file system calls, so a test can act exactly between readdir and stat, or
 * between stat and readFile; and, running as root (where chmod 000 denies nothing), a stand-in EACCES.
 */
const fsHooks = vi.hoisted(() => ({
  beforeStat: null as null | ((path: string) => Promise<void>),
  beforeReadFile: null as null | ((path: string) => Promise<void>),
  denied: new Set<string>(),
}));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const stat = (async (path: Parameters<typeof actual.stat>[0], ...rest: unknown[]) => {
    await fsHooks.beforeStat?.(String(path));
    return (actual.stat as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.stat;
  const readFile = (async (path: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    const p = String(path);
    if (fsHooks.denied.has(p))
      throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), {
        code: "EACCES",
        errno: -13,
        syscall: "open",
        path: p,
      });
    await fsHooks.beforeReadFile?.(p);
    return (actual.readFile as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFile;
  return { ...actual, default: { ...actual, stat, readFile }, stat, readFile };
});

afterEach(async () => {
  fsHooks.beforeStat = null;
  fsHooks.beforeReadFile = null;
  fsHooks.denied.clear();
  await removeCorpusDirs();
});

const EMPTY: Corpus = { documents: new Map(), passages: [], reports: [], loadedAt: new Date(0) };

function reloaderOver(dir: string) {
  let current = EMPTY;
  const reloader = createReloader({
    load: () => loadCorpus(dir, LOAD_OPTIONS),
    current: () => current,
    swap: (corpus) => {
      current = corpus;
    },
    log: createLogger("silent"),
  });
  return { reloader, current: () => current };
}

/** The corpus and the reload report agree with each other: every report is one file, every ok report one document. */
function expectConsistent(corpus: Corpus, report?: ReloadReport) {
  const files = corpus.reports.map((r) => r.file);
  expect(new Set(files).size, "one report per file").toBe(files.length);
  const ok = corpus.reports.filter((r) => r.status === "ok");
  const errors = corpus.reports.filter((r) => r.status === "error");
  expect(ok.map((r) => r.docId).sort()).toEqual([...corpus.documents.keys()].sort());
  expect(corpus.passages.length).toBe([...corpus.documents.values()].reduce((n, d) => n + d.passages.length, 0));
  for (const doc of corpus.documents.values()) expect(doc.passages.length).toBeGreaterThan(0);
  if (report) {
    expect(report.ok).toBe(true);
    expect(report.documents).toBe(corpus.documents.size);
    expect(report.passages).toBe(corpus.passages.length);
    expect([...report.added].sort()).toEqual([...corpus.documents.keys()].sort());
    expect(report.fileErrors.map((e) => e.file).sort()).toEqual(errors.map((r) => r.file).sort());
  }
}

describe("corpus faults: files appearing and disappearing during a reload", () => {
  it("files deleted between readdir and stat, and between stat and read, are reported as cannot read; the rest load", async () => {
    const dir = await makeCorpusDir({});
    const names = await writeSmallDocs(dir, 200);
    // Half of them (the odd ones) vanish once the reader has listed the folder and starts on the first file.
    const vanishing = names.filter((_, i) => i % 2 === 1);
    // And one vanishes after its stat, just before its read.
    const lateVictim = names[100]!;
    fsHooks.beforeStat = async (path) => {
      fsHooks.beforeStat = null;
      await Promise.all(vanishing.map((n) => unlink(join(dir, n))));
      expect(basename(path)).not.toBe(""); // the hook ran on a corpus file
    };
    fsHooks.beforeReadFile = async (path) => {
      if (basename(path) === lateVictim) await unlink(path);
    };
    const { reloader, current } = reloaderOver(dir);
    const report = await reloader.reload("command", 1);
    const corpus = current();
    expectConsistent(corpus, report);
    expect(corpus.reports).toHaveLength(200);
    const gone = new Set([...vanishing, lateVictim]);
    for (const name of names) {
      const r = reportOf(corpus, name);
      if (gone.has(name)) {
        expect(r.status, name).toBe("error");
        expect(r.status === "error" && r.error).toBe("cannot read: ENOENT");
      } else {
        expect(r.status, name).toBe("ok");
      }
    }
    expect(corpus.documents.size).toBe(200 - gone.size);
  });

  it("a sidecar deleted during the reload is a warning; its document still loads", async () => {
    const dir = await makeCorpusDir({});
    await writeSmallDocs(dir, 3);
    await writeFile(join(dir, "tai-lieu-1.meta.json"), JSON.stringify({ title: "Tiêu đề từ sidecar" }));
    fsHooks.beforeStat = async () => {
      fsHooks.beforeStat = null;
      await unlink(join(dir, "tai-lieu-1.meta.json"));
    };
    const corpus = await loadCorpus(dir, LOAD_OPTIONS);
    expectConsistent(corpus);
    expect(corpus.documents.size).toBe(3);
    const r = reportOf(corpus, "tai-lieu-1.txt");
    expect(r.status).toBe("ok");
    expect(r.warnings.join("\n")).toContain("sidecar tai-lieu-1.meta.json ignored: cannot read (ENOENT)");
  });

  it("200 files, half deleted and 50 added concurrently (setImmediate loops): no throw, each file loaded or reported", async () => {
    const dir = await makeCorpusDir({});
    const names = await writeSmallDocs(dir, 200);
    const vanishing = names.filter((_, i) => i % 2 === 0);
    const appearing = Array.from({ length: 50 }, (_, i) => `moi-${i}.txt`);
    let loading = true;
    const churn = (async () => {
      let i = 0;
      let j = 0;
      while (loading && (i < vanishing.length || j < appearing.length)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (i < vanishing.length) await unlink(join(dir, vanishing[i++]!));
        if (j < appearing.length) await writeFile(join(dir, appearing[j]!), smallDoc(1000 + j++));
      }
      return { deleted: i, added: j };
    })();
    const { reloader, current } = reloaderOver(dir);
    const report = await reloader.reload("watch", null).finally(() => {
      loading = false;
    });
    const churned = await churn;
    const corpus = current();
    expectConsistent(corpus, report);
    const vanished = new Set(vanishing);
    for (const r of corpus.reports) {
      // An error can only be a file that vanished under the reader, and only as "cannot read"; a half-written
      // new file could read as empty, which is reported as having no passages.
      if (r.status === "error") {
        if (vanished.has(r.file)) expect(r.error).toBe("cannot read: ENOENT");
        else
          expect(r.file.startsWith("moi-") && r.error, `${r.file}: ${r.error}`).toMatch(
            /no citable passages|cannot read: ENOENT/,
          );
      }
    }
    // Every file that was never touched loaded.
    for (const name of names.filter((_, i) => i % 2 === 1)) expect(reportOf(corpus, name).status, name).toBe("ok");
    const errors = corpus.reports.filter((r) => r.status === "error").length;
    console.log(
      `concurrent churn: ${churned.deleted} deleted, ${churned.added} added during the load; ${corpus.documents.size} loaded, ${errors} reported as errors`,
    );
    // A second reload once the folder is still sees exactly what is there.
    const again = await reloader.reload("command", 1);
    expect(again.ok).toBe(true);
    const onDisk = (await readdir(dir)).filter((n) => n.endsWith(".txt"));
    expect(current().documents.size).toBe(onDisk.length);
    expect(again.fileErrors).toEqual([]);
  });
});

describe("corpus faults: a file truncated mid-write", () => {
  async function seedBytes() {
    return readFile(join(SEED_DIR, `${SEED.namDinh}.txt`));
  }

  it("a seed cut inside a multi-byte UTF-8 character is reported as not UTF-8; the other seeds load", async () => {
    const bytes = await seedBytes();
    let cut = Math.floor(bytes.length / 2);
    while (bytes[cut]! < 0xc0) cut++; // a lead byte of a multi-byte character
    const truncated = bytes.subarray(0, cut + 1); // the lead byte without its continuation bytes
    const dir = await makeCorpusDir({ "cat-giua-ky-tu.txt": truncated }, { withSeeds: true });
    const corpus = await loadCorpus(dir, LOAD_OPTIONS);
    expectConsistent(corpus);
    const r = reportOf(corpus, "cat-giua-ky-tu.txt");
    expect(r.status).toBe("error");
    expect(r.status === "error" && r.error).toMatch(/^not UTF-8 text/);
    expect(corpus.documents.size).toBe(Object.keys(SEED).length);
  });

  it("a seed cut mid-sentence (on a character boundary) still loads, with the text up to the cut", async () => {
    const bytes = await seedBytes();
    let cut = Math.floor(bytes.length / 2);
    // Between two ASCII letters: mid-word, mid-sentence, on a character boundary.
    while (!(/[a-z]/i.test(String.fromCharCode(bytes[cut - 1]!)) && /[a-z]/i.test(String.fromCharCode(bytes[cut]!))))
      cut++;
    // Alone: beside the whole seed it would be the same document (same number and date), loaded once.
    const dir = await makeCorpusDir({ "cat-giua-cau.txt": bytes.subarray(0, cut) }, { withSeeds: false });
    const corpus = await loadCorpus(dir, LOAD_OPTIONS);
    expectConsistent(corpus);
    const r = reportOf(corpus, "cat-giua-cau.txt");
    expect(r.status).toBe("ok");
    const doc = corpus.documents.get("cat-giua-cau")!;
    const full = (await loadCorpus(SEED_DIR, LOAD_OPTIONS)).documents.get(SEED.namDinh)!;
    expect(doc.passages.length).toBeGreaterThan(0);
    expect(doc.passages.length).toBeLessThanOrEqual(full.passages.length);
    expect(doc.contentHash).not.toBe(full.contentHash);
    expect(doc.meta.number).toBe(full.meta.number);
    expect(corpus.documents.size).toBe(1);
  });
});

describe("corpus faults: permission denied", () => {
  const root = process.getuid?.() === 0;

  it.skipIf(root)(
    "a file with mode 000 is reported as cannot read: EACCES; the rest load (real chmod, not root)",
    async () => {
      const dir = await makeCorpusDir({ "khong-quyen.txt": smallDoc(1) }, { withSeeds: true });
      await chmod(join(dir, "khong-quyen.txt"), 0o000);
      try {
        const { reloader, current } = reloaderOver(dir);
        const report = await reloader.reload("command", 1);
        expectConsistent(current(), report);
        expect(report.fileErrors).toEqual([{ file: "khong-quyen.txt", error: "cannot read: EACCES" }]);
        expect(report.documents).toBe(Object.keys(SEED).length);
      } finally {
        await chmod(join(dir, "khong-quyen.txt"), 0o644);
      }
    },
  );

  it("a read failing with EACCES (simulated: root ignores chmod) is reported as cannot read: EACCES; the rest load", async () => {
    const dir = await makeCorpusDir({ "khong-quyen.txt": smallDoc(1) }, { withSeeds: true });
    fsHooks.denied.add(join(dir, "khong-quyen.txt"));
    const { reloader, current } = reloaderOver(dir);
    const report = await reloader.reload("command", 1);
    expectConsistent(current(), report);
    expect(report.fileErrors).toEqual([{ file: "khong-quyen.txt", error: "cannot read: EACCES" }]);
    expect(report.documents).toBe(Object.keys(SEED).length);
  });

  it("a folder named like a document is not read as one; a link to a folder is reported as not a regular file", async () => {
    const dir = await makeCorpusDir({}, { withSeeds: true });
    await mkdir(join(dir, "thu-muc.txt"));
    await writeFile(join(dir, "thu-muc.txt", "ben-trong.txt"), smallDoc(2));
    await symlink(join(dir, "thu-muc.txt"), join(dir, "lien-ket-thu-muc.txt"));
    const { reloader, current } = reloaderOver(dir);
    const report = await reloader.reload("command", 1);
    expectConsistent(current(), report);
    expect(report.fileErrors).toEqual([{ file: "lien-ket-thu-muc.txt", error: "not a regular file" }]);
    // A real folder is not listed as a file at all: not loaded, not reported, nothing inside it read.
    expect(current().reports.find((r) => r.file === "thu-muc.txt")).toBeUndefined();
    expect(current().documents.has("ben-trong")).toBe(false);
    expect(report.documents).toBe(Object.keys(SEED).length);
  });
});

describe("corpus faults: symlinks", () => {
  it("a symlink loop and a dangling symlink are reported, not thrown; the rest load", async () => {
    const dir = await makeCorpusDir({ "that.txt": smallDoc(3) }, { withSeeds: true });
    await symlink("b.txt", join(dir, "a.txt"));
    await symlink("a.txt", join(dir, "b.txt"));
    await symlink("khong-ton-tai.txt", join(dir, "treo.txt"));
    // A good link to a file outside DATA_DIR (a link to a file inside would be a duplicate, loaded once).
    const outside = await makeCorpusDir({ "ngoai.txt": smallDoc(4) }, { withSeeds: false });
    await symlink(join(outside, "ngoai.txt"), join(dir, "lien-ket-tot.txt"));
    const { reloader, current } = reloaderOver(dir);
    const report = await reloader.reload("command", 1);
    expectConsistent(current(), report);
    expect([...report.fileErrors].sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { file: "a.txt", error: "cannot read: ELOOP" },
      { file: "b.txt", error: "cannot read: ELOOP" },
      { file: "treo.txt", error: "cannot read: ENOENT" },
    ]);
    // The seeds, the real file and a good link to it.
    expect(report.documents).toBe(Object.keys(SEED).length + 2);
    expect(current().documents.has("lien-ket-tot")).toBe(true);
  });
});

describe("corpus faults: 5,000 files at once", () => {
  it("5,000 small valid files all load and the reload completes", async () => {
    const dir = await makeCorpusDir({});
    await writeSmallDocs(dir, 5000);
    for (const id of Object.values(SEED)) await copyFile(join(SEED_DIR, `${id}.txt`), join(dir, `${id}.txt`));
    const { reloader, current } = reloaderOver(dir);
    const started = performance.now();
    const report = await reloader.reload("command", 1);
    const ms = Math.round(performance.now() - started);
    console.log(
      `5,000 files: reload of ${report.documents} documents, ${report.passages} passages in ${ms} ms (report says ${report.ms} ms)`,
    );
    expectConsistent(current(), report);
    expect(report.fileErrors).toEqual([]);
    expect(report.documents).toBe(5000 + Object.keys(SEED).length);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);
});

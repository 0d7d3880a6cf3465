import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import { openStore } from "../../src/store/open-store.ts";
import { SEED_DIR } from "../helpers/corpus.ts";
import { ROOT } from "../helpers/run.ts";
import { freePort, until } from "../e2e/bot-process.ts";
import { smallDoc, writeSmallDocs } from "./helpers.ts";

const CHILD = join(ROOT, "tests/hardening/reload-child.ts");
const VERSIONS = 6; // version 0 is recorded before the first child; the children cycle through 1..5
const COMMON = 150; // documents in every version, their text changing with it
const OWN = 30; // documents only in one version
const CHATS = 40;
const ROUNDS = 6;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const randomMs = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** node --import tsx, not the tsx binary: tsx runs the script in a grandchild, which a SIGKILL of tsx would orphan. */
function spawnNode(script: string, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, exited, output: () => out };
}

function spawnChild(stateDir: string, corpusDirs: string[]) {
  return spawnNode(CHILD, { STATE_DIR: stateDir, CORPUS_DIRS: corpusDirs.join(",") });
}

describe("process faults: SIGKILL during reloads that write the store", () => {
  it("after each SIGKILL the database is intact, fully migrated, and known_documents is one whole corpus version", async () => {
    const base = await mkdtemp(join(tmpdir(), "process-faults-"));
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    const stateDir = join(base, "state");
    // Each version: the same COMMON documents with text of that version, plus OWN documents of its own.
    const versionDirs: string[] = [];
    const versions: Map<string, string>[] = [];
    for (let v = 0; v < VERSIONS; v++) {
      const dir = join(base, `v${v}`);
      await writeSmallDocs(dir, COMMON, "chung", v);
      await writeSmallDocs(dir, OWN, `rieng-${v}`, v, 1000 * (v + 1));
      const corpus = await loadCorpus(dir, { maxFileBytes: 1024 * 1024 });
      expect(corpus.documents.size).toBe(COMMON + OWN);
      versionDirs.push(dir);
      versions.push(new Map([...corpus.documents.values()].map((d) => [d.meta.docId, d.contentHash])));
    }
    const hashVersion = new Map<string, number>();
    versions.forEach((docs, v) => docs.forEach((hash, docId) => hashVersion.set(`${docId} ${hash}`, v)));
    expect(hashVersion.size).toBe(VERSIONS * (COMMON + OWN)); // every version's text really differs

    // Subscribers, and version 0 recorded as known (silently, like a first load).
    {
      const store = openStore(stateDir);
      const subs = createSubscriptions(store.db);
      for (let c = 1; c <= CHATS; c++) subs.subscribe(-c, "group", "", null);
      subs.recordDocuments(versions[0]!, []);
      store.close();
    }

    const seen = new Set<number>();
    let reloads = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts the cycle at another version so that every transition is exercised.
      const order = Array.from({ length: VERSIONS - 1 }, (_, i) => 1 + ((i + round) % (VERSIONS - 1)));
      const run = spawnChild(
        stateDir,
        order.map((v) => versionDirs[v]!),
      );
      // Round 0 is killed while it starts (tsx, opening the store, migrations); odd rounds 50–500 ms after the store
      // is open (during the first reload: loading, queueing alerts or recording); even rounds 50–500 ms after the
      // first reload completed, so that some rounds surely record a new version before they die.
      const waitFor = (line: string) =>
        until(
          line,
          () =>
            run.output().includes(line)
              ? true
              : run.child.exitCode !== null
                ? Promise.reject(new Error(run.output()))
                : undefined,
          30_000,
        );
      if (round > 0) await waitFor("ready");
      if (round > 0 && round % 2 === 0) await waitFor("reloaded");
      const delay = randomMs(50, 500);
      await new Promise((r) => setTimeout(r, delay));
      run.child.kill("SIGKILL");
      const [, signal] = await run.exited;
      expect(signal, run.output()).toBe("SIGKILL");
      expect(run.output(), "the child failed on its own").not.toMatch(/Error|reload failed/);
      const done = run.output().match(/^reloaded /gm)?.length ?? 0;
      reloads += done;

      // Raw first: check the file as the crash left it, before openStore could touch it.
      const db = new Database(join(stateDir, "state.db"));
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);
        expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
        const known = new Map(
          db
            .prepare<[], { doc_id: string; content_hash: string }>(
              "SELECT doc_id, content_hash FROM known_documents WHERE removed_at IS NULL",
            )
            .all()
            .map((r) => [r.doc_id, r.content_hash]),
        );
        const matching = versions.findIndex(
          (docs) => docs.size === known.size && [...docs].every(([id, hash]) => known.get(id) === hash),
        );
        expect(
          matching,
          `known_documents is a mix of versions after round ${round}: ${[...new Set([...known].map(([id, h]) => hashVersion.get(`${id} ${h}`)))].join(",")}`,
        ).toBeGreaterThanOrEqual(0);
        seen.add(matching);
        // Alerts are queued before the corpus is recorded: a recorded version ≥ 1 has an alert per document per chat.
        if (matching > 0) {
          const queued = db.prepare<[string, string], { n: number }>(
            "SELECT COUNT(DISTINCT chat_id) AS n FROM deliveries WHERE doc_id = ? AND content_hash = ?",
          );
          for (const [docId, hash] of known) expect(queued.get(docId, hash)!.n, `${docId} v${matching}`).toBe(CHATS);
        }
        // Every queued alert is for a document as it was in one real version; never doubled.
        const rows = db
          .prepare<[], { doc_id: string; content_hash: string; chat_id: number }>(
            "SELECT doc_id, content_hash, chat_id FROM deliveries",
          )
          .all();
        for (const r of rows) expect(hashVersion.has(`${r.doc_id} ${r.content_hash}`), r.doc_id).toBe(true);
        expect(new Set(rows.map((r) => `${r.doc_id} ${r.content_hash} ${r.chat_id}`)).size).toBe(rows.length);
        console.log(
          `round ${round}: killed after ${delay} ms${round === 0 ? " of spawn" : round % 2 ? " of ready" : " of the first reload"}, ${done} reloads done; known = version ${matching}; ${rows.length} alerts queued`,
        );
      } finally {
        db.close();
      }
      // And the program itself reopens it.
      const store = openStore(stateDir);
      expect(store.schemaVersion).toBe(MIGRATIONS.length);
      store.close();
    }
    // The test killed real work, not only idle processes.
    expect(reloads).toBeGreaterThan(0);
    expect([...seen].some((v) => v > 0)).toBe(true);
  }, 90_000);
});

/** `node --import tsx src/main.ts` itself (no tsx wrapper process, so signals reach the app), ready once it listens. */
async function startMain(env: Record<string, string>) {
  const app = spawnNode("src/main.ts", { PUBLIC_BASE_URL: "http://bot.test", ...env });
  await until(
    "web: line",
    () =>
      app.output().includes("web: http://")
        ? true
        : app.child.exitCode !== null
          ? Promise.reject(new Error(`the app exited:\n${app.output()}`))
          : undefined,
    30_000,
  );
  return app;
}

describe("process faults: SIGKILL of the real process during reloads", () => {
  it("node --import tsx src/main.ts (no BOT_TOKEN) killed during SIGHUP reloads restarts on the same STATE_DIR and serves the whole corpus", async () => {
    const base = await mkdtemp(join(tmpdir(), "process-faults-main-"));
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    const dataDir = join(base, "data");
    const stateDir = join(base, "state");
    await writeSmallDocs(dataDir, 0);
    for (const name of await readdir(SEED_DIR)) await copyFile(join(SEED_DIR, name), join(dataDir, name));
    const seeds = (await readdir(SEED_DIR)).filter((n) => n.endsWith(".txt")).length;

    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      const bot = await startMain({ DATA_DIR: dataDir, STATE_DIR: stateDir, PORT: String(port), LOG_LEVEL: "info" });
      await new Promise((r) => setTimeout(r, 100)); // the SIGHUP handler is installed just after the web line
      const delay = randomMs(50, 500);
      const deadline = Date.now() + delay;
      let n = 0;
      while (Date.now() < deadline) {
        // A file rewritten (and another appearing) while reloads run.
        await writeFile(join(dataDir, "dang-sua.txt"), smallDoc(n, round));
        await writeFile(join(dataDir, `them-${round}-${n}.txt`), smallDoc(500 + n, round));
        bot.child.kill("SIGHUP");
        n++;
        await new Promise((r) => setTimeout(r, 15));
      }
      bot.child.kill("SIGKILL");
      const [, signal] = await bot.exited;
      expect(signal, bot.output()).toBe("SIGKILL");
      expect(bot.output()).not.toMatch(/uncaught|unhandled/i);
      console.log(
        `main round ${round}: ${n} SIGHUP reloads requested, killed after ${delay} ms; ${bot.output().match(/reload: done/g)?.length ?? 0} reloads finished`,
      );
    }
    const onDisk = (await readdir(dataDir)).filter((n) => n.endsWith(".txt")).length;
    const port = await freePort();
    const bot = await startMain({ DATA_DIR: dataDir, STATE_DIR: stateDir, PORT: String(port) });
    expect(bot.output()).toContain(`corpus: ${onDisk} documents`);
    expect(onDisk).toBeGreaterThan(seeds);
    const res = await fetch(`http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent("tiêm vắc xin")}`);
    expect(res.status).toBe(200);
    bot.child.kill("SIGTERM");
    const [code] = await bot.exited;
    expect(code, bot.output()).toBe(0);
  }, 90_000);
});

// Compiles src/ into dist/ with tsc (a devDependency), so that `npm start` runs plain JavaScript and needs nothing
// from devDependencies at run time. `npm install` runs this (the `prepare` script); `npm start` runs it again only
// when a source is newer than the last build. Pure Node: no dependency of its own.
//
//   node scripts/build.mjs               build (fails without TypeScript)
//   node scripts/build.mjs --if-possible build when TypeScript is installed, else say why not and exit 0
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
/** Written after a successful build, dated when the build started: a source saved during the build is newer. */
const STAMP = join(DIST, ".built");
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json"];

function newestIn(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  // The directory's own mtime changes when a file is added, removed or renamed.
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, entry)));
  return newest;
}

/** dist/ is missing, or older than a source or a tsconfig. */
export function isStale() {
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp || !existsSync(join(DIST, "main.js"))) return true;
  return Math.max(...INPUTS.map((p) => newestIn(join(ROOT, p)))) > stamp.mtimeMs;
}

export function hasDist() {
  return existsSync(join(DIST, "main.js"));
}

/** Path of tsc's entry script, or null when TypeScript is not installed (a production install). */
export function findTsc() {
  try {
    return createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    return null;
  }
}

/**
 * Builds into dist.next and swaps it in only when tsc succeeded, so a failed build leaves the last good dist/.
 * Returns tsc's output on failure.
 */
export function build(tsc) {
  const started = new Date();
  // One folder per build: `npm start` and `npm run ask` started together may both find dist/ stale.
  const next = join(ROOT, `dist.next-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", next], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    return {
      ok: false,
      output: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() || `tsc exited with ${r.status ?? r.signal}`,
    };
  }
  writeFileSync(join(next, ".built"), `${started.toISOString()}\n`);
  utimesSync(join(next, ".built"), started, started);
  rmSync(DIST, { recursive: true, force: true });
  try {
    renameSync(next, DIST);
  } catch (err) {
    // Another build of the same sources swapped its dist/ in first: that one serves.
    rmSync(next, { recursive: true, force: true });
    if (!hasDist()) throw err;
  }
  return { ok: true, output: "" };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tsc = findTsc();
  if (!tsc) {
    if (process.argv.includes("--if-possible")) {
      process.stderr.write(
        `build: TypeScript is not installed (production install); ${hasDist() ? "keeping the existing dist/" : "no dist/ yet: npm start needs one build with devDependencies"}\n`,
      );
      process.exit(0);
    }
    process.stderr.write("build: TypeScript is not installed; run `npm install` with devDependencies first\n");
    process.exit(1);
  }
  const result = build(tsc);
  if (!result.ok) {
    process.stderr.write(`build: tsc failed:\n${result.output}\n`);
    process.exit(1);
  }
}

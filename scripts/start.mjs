// `npm start`: runs the compiled app (dist/main.js) in this same process, so signals (SIGTERM, SIGHUP) reach it
// directly. Rebuilds dist/ first when a source is newer and TypeScript is installed; a production install
// (`npm prune --omit=dev`) has no TypeScript and runs the dist/ that `npm install` built.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import dotenv from "dotenv";
import { pino } from "pino";
import { build, DIST, findTsc, hasDist, isStale } from "./build.mjs";

dotenv.config({ quiet: true });
const LEVELS = new Set(["debug", "info", "warn", "error", "silent"]);
const level = LEVELS.has(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info";
// The same line format as the app's logger (src/log.ts); nothing here can hold a secret.
const log = pino(
  {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.destination({ fd: 1, sync: true }),
);

if (isStale()) {
  const tsc = findTsc();
  if (tsc) {
    const t0 = performance.now();
    const result = build(tsc);
    if (!result.ok) {
      log.error(
        { output: result.output },
        "start: the sources do not compile (tsc); fix them or run the last build with node dist/main.js",
      );
      process.exit(1);
    }
    log.info(`start: sources changed, dist/ rebuilt in ${Math.round(performance.now() - t0)} ms`);
  } else if (hasDist()) {
    log.warn("start: sources are newer than dist/ but TypeScript is not installed; running the existing build");
  } else {
    log.error("start: no dist/ and no TypeScript to build it; run `npm install` (with devDependencies) once");
    process.exit(1);
  }
}
await import(pathToFileURL(join(DIST, "main.js")).href);

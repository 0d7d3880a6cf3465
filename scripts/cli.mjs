// `npm run ask` / `npm run corpus:check`: the compiled CLI (dist/cli.js), like `npm start` runs dist/main.js.
// Rebuilds dist/ first when a source is newer and TypeScript is installed. Messages go to stderr: stdout is the
// CLI's own output (the answer JSON, one line per file).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, DIST, findTsc, hasDist, isStale } from "./build.mjs";

if (isStale()) {
  const tsc = findTsc();
  if (tsc) {
    const result = build(tsc);
    if (!result.ok) {
      process.stderr.write(`cli: the sources do not compile (tsc):\n${result.output}\n`);
      process.exit(1);
    }
  } else if (!hasDist()) {
    process.stderr.write(
      "cli: no dist/ and no TypeScript to build it; run `npm install` (with devDependencies) once\n",
    );
    process.exit(1);
  }
}
// The CLI reads its arguments from process.argv after the script: make dist/cli.js that script.
const entry = join(DIST, "cli.js");
process.argv.splice(1, 1, entry);
await import(pathToFileURL(entry).href);

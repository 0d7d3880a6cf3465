import { engineFor } from "../../src/engine.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
const dir = process.argv[2] ?? "data/directives";
const c = await loadCorpus(dir, { maxFileBytes: 1 << 26 });
const e = engineFor(c, "http://x");
for (const q of process.argv.slice(3)) {
  const s = e.ask(q, 3);
  console.log("Q:", q);
  for (const a of s.answers) console.log("  ", a.docId, a.number, a.section, a.score, "|", a.excerpt.slice(0, 140));
}

import { readFileSync } from "node:fs";
import { parseDocument } from "../src/corpus/parse-document.ts";
const { document } = parseDocument({ docId: "x", file: "x", text: readFileSync(process.argv[2]!, "utf8") });
const from = Number(process.argv[3] ?? 0);
for (const p of document.passages.slice(from, from + Number(process.argv[4] ?? 12))) console.log(p.anchor, "|", p.section, "|", p.heading?.slice(0, 60), "|", p.text.slice(0, 100).replace(/\n/g, " ⏎ "));
console.log(document.passages.length, document.meta.legalBases);

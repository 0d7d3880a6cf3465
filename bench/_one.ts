import { readFileSync } from "node:fs";
import { cleanText } from "../src/corpus/clean-text.ts";
import { extractHeader } from "../src/corpus/extract-metadata.ts";
const lines = cleanText(readFileSync(process.argv[2]!, "utf8"));
const n = Number(process.argv[3] ?? 40);
lines.slice(0, n).forEach((l, i) => console.log(i, l.slice(0, 160)));
const h = extractHeader(lines);
console.log({ ...h, legalBases: h.legalBases.length, recipients: h.recipients.length, n: lines.length });

import { readdirSync, readFileSync } from "node:fs";
import { cleanText } from "../src/corpus/clean-text.ts";
import { extractHeader } from "../src/corpus/extract-metadata.ts";
import { splitPassages } from "../src/corpus/split-passages.ts";
import { parseDocument } from "../src/corpus/parse-document.ts";
const dir = process.argv[2]!;
const texts = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(`${dir}/${f}`, "utf8"));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
const cpu = (f: () => void) => { const a = process.cpuUsage(); f(); const b = process.cpuUsage(a); return (b.user + b.system) / 1e6; };
for (let round = 0; round < 2; round++) {
  let cleaned: string[][] = [];
  const tc = cpu(() => { cleaned = texts.map((t) => cleanText(t)); });
  let headers: ReturnType<typeof extractHeader>[] = [];
  const th = cpu(() => { headers = cleaned.map((l) => extractHeader(l)); });
  const ts = cpu(() => { cleaned.forEach((l, i) => splitPassages(l.slice(headers[i]!.bodyStart, headers[i]!.bodyEnd), { docId: "x" })); });
  const tp = cpu(() => { texts.forEach((t, i) => parseDocument({ docId: `d${i}`, file: "f", text: t })); });
  console.log(`${mb.toFixed(1)} MB clean ${tc.toFixed(2)}s header ${th.toFixed(2)}s split ${ts.toFixed(2)}s | parseDocument ${tp.toFixed(2)}s = ${(mb / tp).toFixed(1)} MB/s cpu`);
}

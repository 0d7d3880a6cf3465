import { readSourceFile } from "../src/corpus/read-file.ts";
import { cleanText } from "../src/corpus/clean-text.ts";
const src = await readSourceFile(process.argv[2]!, 1 << 30);
const raw = src.text.split("\n");
const pat = process.argv[3];
if (pat) { raw.forEach((l, i) => { if (l.includes(pat)) console.log(i, JSON.stringify(raw.slice(Math.max(0, i - 4), i + 6))); }); }
else { console.log(raw.slice(0, 30).join("\n")); console.log("----"); console.log(cleanText(src.text, { hardWrapped: true }).slice(0, 12).join("\n")); }

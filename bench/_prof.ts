import { loadCorpus } from "/work/wt-11a/src/corpus/load-corpus.ts";
const t = performance.now();
const c = await loadCorpus(process.argv[2]!, { maxFileBytes: 64 << 20 });
console.log(c.documents.size, c.passages.length, ((performance.now() - t) / 1000).toFixed(1), "s");

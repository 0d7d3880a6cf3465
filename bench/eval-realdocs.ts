/**
 * Real gazette documents (issue 11): metadata against ../shared/realdocs/gazette-gold.json, for the texts
 * (gazette/*.txt) and the original PDFs (gazette-pdf/*.pdf) separately: type, number, year, real-title share,
 * unreadable files refused, page-furniture passages, and loading MB/s.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { timedLoad } from "./load-speed.ts";
import type { Corpus } from "../src/corpus/types.ts";

interface Gold {
  readable: boolean;
  type: string | null;
  number: string | null;
  year: number | null;
}

/** What the issue asks an unreadable file to be refused with. */
export const UNREADABLE_HINT = "no text beyond page headers and stamps";

/** Lines that are page furniture, wherever they end up: a gazette running header, a page number, a signature stamp. */
const FURNITURE: readonly RegExp[] = [
  /CÔNG BÁO\s*\/\s*Số\s*\d+/u,
  /Ký bởi\s*:/u,
  /Cơ quan\s*:\s*VĂN PHÒNG CHÍNH PHỦ/u,
  /Ngày ký\s*:.*\+0\d:00/u,
  /Thời gian ký\s*:/u,
];
const BARE_NUMBER = /^\s*\d{1,4}\s*$/u;

/**
 * A real subject line: a phrase with words (not a number, not a page header, not the national motto or header,
 * not a legal basis, not the bare type name).
 */
export function isRealTitle(title: string | null, type: string | null): boolean {
  if (!title) return false;
  const t = title.trim();
  if (t.length < 8 || !/\p{L}{2,}.*\s.*\p{L}{2,}/u.test(t)) return false;
  if (/^[\d\s./-]+$/u.test(t) || /CÔNG BÁO|^Số\s*:?\s*\d/iu.test(t)) return false;
  if (/độc lập\s*-\s*tự do|^cộng hòa xã hội chủ nghĩa|^căn cứ\s|^theo đề nghị/iu.test(t)) return false;
  if (/ký bởi|ngày ký|cơ quan\s*:/iu.test(t)) return false;
  if (type && t.toLowerCase() === type.toLowerCase()) return false;
  return true;
}

const space = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const normNumber = (s: string | null) => (s ? space(s).replace(/\s/g, "").toUpperCase() : null);

/** Hand-read subject lines (trích yếu) of a sample of the gazette documents, to check titles word for word. */
async function readTitleSample(): Promise<Record<string, string>> {
  const path = "bench/data/realdocs-titles.json";
  return existsSync(path) ? (JSON.parse(await readFile(path, "utf8")) as Record<string, string>) : {};
}

async function folderBytes(dir: string, ext: string): Promise<{ files: string[]; bytes: number }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(ext));
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(dir, f))).size;
  return { files, bytes };
}

function furnitureShare(corpus: Corpus): { bad: number; total: number; examples: string[] } {
  let bad = 0;
  const examples: string[] = [];
  for (const p of corpus.passages) {
    // A number alone is a page number when it is the whole passage; inside a table it is a cell.
    const lines = p.text.split("\n");
    if (!BARE_NUMBER.test(p.text) && !lines.some((l) => FURNITURE.some((re) => re.test(l)))) continue;
    bad++;
    if (examples.length < 3) examples.push(`${p.id}: ${p.text.slice(0, 80).replace(/\n/g, " ⏎ ")}`);
  }
  return { bad, total: corpus.passages.length, examples };
}

async function scoreFolder(label: string, dir: string, ext: string, gold: Record<string, Gold>, verbose: boolean) {
  const { files, bytes } = await folderBytes(dir, ext);
  const { corpus, seconds, cpuSeconds } = await timedLoad(dir);
  const titles = await readTitleSample();
  const tally = {
    type: [0, 0],
    number: [0, 0],
    year: [0, 0],
    title: [0, 0],
    sample: [0, 0],
    refused: [0, 0],
    kept: [0, 0],
  };
  const hit = (k: keyof typeof tally, ok: boolean) => {
    tally[k][1]!++;
    if (ok) tally[k][0]!++;
  };
  const misses: string[] = [];
  for (const report of corpus.reports) {
    const id = report.file.replace(/\.[a-z]+$/i, "");
    const g = gold[id];
    if (!g) continue;
    if (!g.readable) {
      const ok = report.status === "error" && report.error.includes(UNREADABLE_HINT);
      hit("refused", ok);
      if (!ok) misses.push(`${id}: unreadable but ${report.status}`);
      continue;
    }
    hit("kept", report.status === "ok");
    const meta = report.status === "ok" ? report.meta : null;
    if (!meta && verbose) misses.push(`${id}: ${report.status === "error" ? report.error : report.status}`);
    const m = meta ?? { type: null, number: null, date: null, title: null };
    if (g.type) hit("type", m.type === g.type);
    if (g.number) hit("number", normNumber(m.number) === normNumber(g.number));
    // The gold year is read from the printed number ("51/2024/QH15"); without one it is a slug's digits: skip it.
    const yearKnown = g.year !== null && g.number !== null && g.number.includes(`/${g.year}/`);
    if (yearKnown) hit("year", m.date?.slice(0, 4) === String(g.year));
    hit("title", isRealTitle(m.title, m.type));
    const real = titles[id];
    if (real) hit("sample", space(m.title ?? "") === space(real));
    if (verbose) {
      if (g.type && m.type !== g.type) misses.push(`${id}: type ${m.type} ≠ ${g.type}`);
      if (g.number && normNumber(m.number) !== normNumber(g.number))
        misses.push(`${id}: number ${m.number} ≠ ${g.number}`);
      if (yearKnown && m.date?.slice(0, 4) !== String(g.year)) misses.push(`${id}: date ${m.date} ≠ ${g.year}`);
      if (!isRealTitle(m.title, m.type)) misses.push(`${id}: title ${JSON.stringify(m.title)}`);
      if (real && space(m.title ?? "") !== space(real))
        misses.push(`${id}: title ${JSON.stringify(m.title)} ≠ ${JSON.stringify(real)}`);
    }
  }
  const f = ([ok, n]: number[]) => (n ? `${(ok! / n).toFixed(2)} (${ok}/${n})` : "- (0)");
  const furniture = furnitureShare(corpus);
  const mb = bytes / 1048576;
  console.log(
    `${label}: ${files.length} files, ${mb.toFixed(1)} MB, loaded in ${seconds.toFixed(1)} s = ${(mb / seconds).toFixed(1)} MB/s ` +
      `(CPU ${cpuSeconds.toFixed(1)} s = ${(mb / cpuSeconds).toFixed(1)} MB/s of CPU time)`,
  );
  console.log(`  type ${f(tally.type)}  number ${f(tally.number)}  year ${f(tally.year)}`);
  console.log(`  real title ${f(tally.title)}  title = hand-read trích yếu ${f(tally.sample)}`);
  console.log(`  unreadable refused ${f(tally.refused)}  readable loaded ${f(tally.kept)}`);
  const share = furniture.total ? furniture.bad / furniture.total : 0;
  console.log(`  page-furniture passages ${share.toFixed(4)} (${furniture.bad}/${furniture.total})`);
  if (verbose) for (const line of [...furniture.examples, ...misses]) console.log(`    ${line}`);
}

/** Prints the real-document figures, or one line saying why they are skipped. */
export async function evalRealdocs(shared: string, verbose = false): Promise<void> {
  const root = join(shared, "realdocs");
  const goldPath = join(root, "gazette-gold.json");
  if (!existsSync(goldPath)) {
    console.log(`\nReal gazette documents: skipped (${goldPath} not found)`);
    return;
  }
  const gold = JSON.parse(await readFile(goldPath, "utf8")) as Record<string, Gold>;
  console.log("\nReal gazette documents (../shared/realdocs, gold: gazette-gold.json)");
  await scoreFolder("texts", join(root, "gazette"), ".txt", gold, verbose);
  if (!process.argv.includes("--no-pdf")) await scoreFolder("PDFs ", join(root, "gazette-pdf"), ".pdf", gold, verbose);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { SHARED } = await import("./alqac-corpus.ts");
  await evalRealdocs(SHARED, process.argv.includes("--verbose"));
}

import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Corpus, CorpusDocument, FileReport, Passage } from "../../src/corpus/types.ts";

export const SEED_DIR = fileURLToPath(new URL("../../data/directives/", import.meta.url));
export const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** Generous: the tests that need a limit pass their own. */
export const LOAD_OPTIONS = { maxFileBytes: 20 * 1024 * 1024 };

export const SEED = {
  namDinh: "2021-05-04-nam-dinh-cv-146",
  kienGiang: "2021-07-21-kien-giang-cv-209",
  yenThe: "2021-07-25-yen-the-cv",
  quangNgai: "2021-07-quang-ngai-chi-thi-phong-chong-covid",
  thongBao: "2021-07-thong-bao-thuong-truc-tinh-uy-covid",
} as const;

const made: string[] = [];

/** A fresh corpus folder with `files` (name → content), optionally the five seeds beside them. */
export async function makeCorpusDir(
  files: Record<string, string | Uint8Array>,
  options: { withSeeds?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "corpus-test-"));
  made.push(dir);
  if (options.withSeeds) {
    for (const name of await readdir(SEED_DIR)) await copyFile(join(SEED_DIR, name), join(dir, name));
  }
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** Copies fixtures (by file name) from tests/fixtures into a fresh corpus folder. */
export async function fixtureCorpusDir(names: string[]): Promise<string> {
  const dir = await makeCorpusDir({});
  for (const name of names) await copyFile(join(FIXTURE_DIR, name), join(dir, name));
  return dir;
}

export async function removeCorpusDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function documentOf(corpus: Corpus, docId: string): CorpusDocument {
  const doc = corpus.documents.get(docId);
  if (!doc) throw new Error(`document ${docId} not loaded; reports: ${JSON.stringify(corpus.reports)}`);
  return doc;
}

export function reportOf(corpus: Corpus, file: string): FileReport {
  const report = corpus.reports.find((r) => r.file === file);
  if (!report) throw new Error(`no report for ${file}; reports: ${JSON.stringify(corpus.reports.map((r) => r.file))}`);
  return report;
}

/** The only passage of `doc` whose text contains `needle`. */
export function passageWith(doc: CorpusDocument, needle: string): Passage {
  const found = doc.passages.filter((p) => p.text.includes(needle));
  if (found.length !== 1)
    throw new Error(`expected one passage of ${doc.meta.docId} containing "${needle}", found ${found.length}`);
  return found[0]!;
}

/** Asserts that every seed loaded: the bad file next to them must not stop the others. */
export function seedsLoaded(corpus: Corpus): string[] {
  return Object.values(SEED).filter((id) => corpus.documents.get(id)?.passages.length);
}

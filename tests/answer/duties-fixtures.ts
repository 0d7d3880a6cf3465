import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { FIXTURE_DIR, makeCorpusDir } from "../helpers/corpus.ts";
import { readFile } from "node:fs/promises";

/** The seeds plus tests/fixtures/duties: a Yên Thế letter (300-CV/HU) that replaces 215-CV/HU, and 190-CV/HU superseded by its sidecar. */
export async function dutiesCorpusDir(extra: Record<string, string> = {}): Promise<string> {
  const dir = join(FIXTURE_DIR, "duties");
  const files: Record<string, string> = {};
  for (const name of await readdir(dir)) files[name] = await readFile(join(dir, name), "utf8");
  return makeCorpusDir({ ...files, ...extra }, { withSeeds: true });
}

export const DUTY = {
  replacing: "2021-08-10-yen-the-cv-300",
  replaced: "2021-07-01-yen-the-cv-215",
  bySidecar: "2021-06-01-yen-the-cv-190",
} as const;

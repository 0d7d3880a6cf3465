import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A small document that loads with one citable passage; `version` changes its text (and content hash). */
export function smallDoc(n: number, version = 0): string {
  return [
    "UBND TỈNH NAM ĐỊNH",
    `Số: ${n}/UBND`,
    "",
    "CÔNG VĂN",
    `Về việc phòng chống dịch đợt ${n}`,
    "",
    `1. Các sở, ngành tổ chức thực hiện nghiêm việc tiêm vắc xin đợt ${n} (phiên bản ${version}) cho người dân trên địa bàn.`,
    "",
  ].join("\n");
}

/**
 * Writes `count` small documents named `${prefix}-${i}.txt` into dir (created if needed), numbered from `first`:
 * two files with one number would be one document to the loader (duplicates are loaded once).
 */
export async function writeSmallDocs(
  dir: string,
  count: number,
  prefix = "tai-lieu",
  version = 0,
  first = 0,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}.txt`);
  // In batches: thousands of parallel writes would hit the open-file limit.
  for (let i = 0; i < names.length; i += 200) {
    await Promise.all(
      names.slice(i, i + 200).map((name, j) => writeFile(join(dir, name), smallDoc(first + i + j, version))),
    );
  }
  return names;
}

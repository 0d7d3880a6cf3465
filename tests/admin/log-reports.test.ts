import { describe, expect, it } from "vitest";
import { logReports, WARNED_FILES_LOGGED } from "../../src/admin/log-reports.ts";
import type { FileReport } from "../../src/corpus/types.ts";
import type { Logger } from "../../src/log.ts";

function recorder() {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      lines.push({ level, msg, ...(data ? { data } : {}) });
    };
  const log: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

const warned = (k: number): FileReport => ({
  file: `van-ban-${k}.txt`,
  docId: `van-ban-${k}`,
  status: "ok",
  passages: 3,
  warnings: ["no issuer line"],
  meta: {} as never,
});

describe("start-up report lines", () => {
  it("logs every skipped file, warned files up to the cap, then one line for the rest", () => {
    const { log, lines } = recorder();
    const broken: FileReport = { file: "hong.pdf", docId: null, status: "error", error: "not a PDF", warnings: [] };
    const reports = [...Array.from({ length: WARNED_FILES_LOGGED + 7 }, (_, k) => warned(k)), broken];
    logReports(reports, log);
    expect(lines.filter((l) => l.level === "error")).toEqual([
      { level: "error", msg: "corpus: file skipped", data: { file: "hong.pdf", error: "not a PDF", warnings: [] } },
    ]);
    const warns = lines.filter((l) => l.level === "warn");
    expect(warns).toHaveLength(WARNED_FILES_LOGGED + 1);
    expect(warns[0]).toMatchObject({ msg: "corpus: file read with warnings", data: { file: "van-ban-0.txt" } });
    expect(warns.at(-1)?.msg).toBe("corpus: 7 more files read with warnings (npm run corpus:check lists each)");
    expect(warns.at(-1)?.data).toEqual({ first: [20, 21, 22, 23, 24].map((k) => `van-ban-${k}.txt`) });
  });

  it("a clean load logs nothing, and a few warned files no summary", () => {
    const quiet = recorder();
    logReports([{ file: "a.txt", docId: "a", status: "ok", passages: 1, warnings: [], meta: {} as never }], quiet.log);
    expect(quiet.lines).toEqual([]);
    const few = recorder();
    logReports([warned(1), warned(2)], few.log);
    expect(few.lines.map((l) => l.msg)).toEqual(["corpus: file read with warnings", "corpus: file read with warnings"]);
  });
});

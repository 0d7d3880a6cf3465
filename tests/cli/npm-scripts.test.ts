import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSWER_KEYS } from "../helpers/contract.ts";
import { ROOT } from "../helpers/run.ts";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

/** Runs an npm script's own command (as `npm run` would, without npm), with `extra` arguments after it. */
function runScript(name: string, extra: string[], env: Record<string, string>) {
  const [cmd, ...args] = pkg.scripts[name]!.split(/\s+/);
  expect(cmd).toBe("node");
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...args, ...extra], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// The first run may compile dist/ (what `npm install` does through `prepare`).
describe("npm run ask / corpus:check run the compiled CLI", { timeout: 180_000 }, () => {
  it("ask --json prints only the answer JSON on stdout", async () => {
    const r = await runScript("ask", ["--json", "--limit", "2", "tiêm vắc xin"], {
      DATA_DIR: join(ROOT, "data/directives"),
    });
    expect(r.code).toBe(0);
    const set = JSON.parse(r.stdout) as { answers: Record<string, unknown>[] };
    expect(set.answers.length).toBeGreaterThan(0);
    expect(Object.keys(set.answers[0]!).sort()).toEqual([...ANSWER_KEYS].sort());
  });

  it("corpus:check --json prints one JSON object a line per file", async () => {
    const r = await runScript("corpus:check", ["--json"], { DATA_DIR: join(ROOT, "data/directives") });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string; ok: boolean });
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.every((l) => l.ok)).toBe(true);
  });
});

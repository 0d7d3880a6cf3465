import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../e2e/bot-process.ts";
import { ROOT } from "../helpers/run.ts";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Runs `npm start`'s own command (not npm: the test signals the app itself) until it serves, then `probe`, then SIGTERM. */
async function runStart(
  env: Record<string, string>,
  probe: (out: string, port: number) => Promise<void>,
): Promise<{ code: number | null; out: string }> {
  const port = await freePort();
  const [cmd, ...args] = pkg.scripts.start!.split(/\s+/);
  expect(cmd).toBe("node");
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATA_DIR: `${ROOT}/data/directives`,
      BOT_TOKEN: "",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  // A first run may compile dist/ (what `npm install` does through `prepare`): tsc takes a while on a busy machine.
  const deadline = Date.now() + 150_000;
  const serving = async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200;
  while (child.exitCode === null && Date.now() < deadline && !(await serving()))
    await new Promise((r) => setTimeout(r, 50));
  await probe(out, port);
  child.kill("SIGTERM");
  return { code: await exited, out };
}

describe("start (npm start) without a token", () => {
  it("runs the compiled dist/ with no devDependency at run time: loads the seeds, serves and answers, stops on SIGTERM", async () => {
    // Nothing in the start command may need a devDependency (tsx, typescript) once dist/ exists.
    for (const dev of Object.keys(pkg.devDependencies)) expect(pkg.scripts.start).not.toContain(dev);
    const { code, out } = await runStart({}, async (o, port) => {
      expect(o).toMatch(/corpus: 5 documents, \d+ passages/);
      expect(o).toContain("bot is off (no BOT_TOKEN)");
      expect(o).toContain("Press Ctrl+C to stop");
      const res = await fetch(
        `http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent("Ai chịu trách nhiệm tiêm vắc xin?")}&limit=1`,
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { answers: unknown[] }).answers).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    });
    expect(code, out).toBe(0);
    // Every line the process printed is one JSON log entry (pino).
    for (const line of out.trim().split("\n")) expect(() => JSON.parse(line), line).not.toThrow();
    // The compiled files import .js, never .ts (rewriteRelativeImportExtensions), and dist/ is newer than src/.
    const js = readdirSync(join(ROOT, "dist"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(js).toContain("main.js");
    for (const f of js) expect(readFileSync(join(ROOT, "dist", f), "utf8"), f).not.toMatch(/from "\.{1,2}\/[^"]*\.ts"/);
    expect(statSync(join(ROOT, "dist/.built")).mtimeMs).toBeGreaterThan(statSync(join(ROOT, "src/main.ts")).mtimeMs);
  }, 180_000);

  it("honours LOG_LEVEL: at warn, none of the start's info lines are printed", async () => {
    const { code, out } = await runStart({ LOG_LEVEL: "warn" }, async (_o, port) => {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    });
    expect(code).toBe(0);
    // The seeds carry warnings (no signer, no number); nothing at info level is printed.
    expect(out).not.toContain('"level":"info"');
    expect(out).not.toContain("Press Ctrl+C");
  }, 180_000);
});

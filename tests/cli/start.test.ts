import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";

describe("start (npm start) without a token", () => {
  it("loads the seed corpus, says the bot is off, keeps running, and stops cleanly on SIGTERM", async () => {
    // `npm start` runs exactly this; spawning it directly lets the test signal the app, not npm.
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: `${ROOT}/data/directives`, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const deadline = Date.now() + 15_000;
    while (!out.includes("Press Ctrl+C to stop") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/corpus: 5 documents, \d+ passages/);
    expect(out).toContain("bot is off (no BOT_TOKEN)");
    // Still alive a moment later: it serves until stopped.
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

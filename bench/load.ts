/**
 * Load (issue 8, item 4): the real process (`node --import tsx src/main.ts`, web server only, no BOT_TOKEN) driven
 * over HTTP on 127.0.0.1 by N concurrent users, each asking the dev questions through `GET /api/ask?q=…&limit=5` in a
 * loop (send, await the whole JSON body, check it has an `answers` array, repeat) for a fixed time. Prints requests,
 * answered questions/s, client-side end-to-end latency (p50/p95/p99/max), errors (non-200, bad JSON, > 5 s, network),
 * the server's RSS every 5 s from /proc/<pid>/status and its growth after warm-up, then SIGTERMs the server and reports
 * its exit code. Node built-ins only; loopback only; stops by itself. Exit code 0 when every target is met, 1 otherwise.
 *
 *   npm run load                                  (16 users, 60 s)
 *   npm run load -- --users 32 --seconds 20
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEV = resolve(ROOT, "bench/data/dev.jsonl");
const DATA_DIR = join(ROOT, "data/directives");
const HOST = "127.0.0.1";
const LIMIT = 5;
const TIMEOUT_MS = 5_000;
const SAMPLE_MS = 5_000;
const WARMUP_MS = 10_000;
const READY = "web: http://";
/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;
const TARGET = { perSecond: 200, p99Ms: 100, errors: 0, growthPct: 10 };

function flag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const raw = a === `--${name}` ? args[i + 1] : a.startsWith(`--${name}=`) ? a.slice(name.length + 3) : undefined;
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      console.error(`load: --${name} expects a whole number from 1 to 10000 (got ${JSON.stringify(raw)})`);
      process.exit(2);
    }
    return n;
  }
  return fallback;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function readQuestions(): string[] {
  if (!existsSync(DEV)) {
    console.error(`load: ${DEV} not found (the dev questions kept in the repo)`);
    process.exit(2);
  }
  const qs = readFileSync(DEV, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q?: unknown }).q)
    .filter((q): q is string => typeof q === "string" && q.trim() !== "");
  if (!qs.length) {
    console.error(`load: no questions in ${DEV}`);
    process.exit(2);
  }
  return qs;
}

/** VmRSS of a process in MB, or undefined once it is gone. Linux only. */
function rssMB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a process from /proc/<pid>/stat, or undefined once it is gone. Linux only. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": utime and stime are fields 14 and 15; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of an ascending array. */
const pct = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const mark = (ok: boolean) => (ok ? "ok  " : "MISS");

type ErrorKind = "http" | "json" | "timeout" | "network";

async function main(): Promise<void> {
  const users = flag("users", 16);
  const seconds = flag("seconds", 60);
  const questions = readQuestions();
  const port = await freePort();
  const stateDir = await mkdtemp(join(tmpdir(), "load-state-"));
  const base = `http://${HOST}:${port}`;

  // `node --import tsx` (not the tsx binary) so the child's pid is the node process whose RSS we read and signal.
  // BOT_TOKEN is set empty so a .env in the repo cannot turn the bot on (dotenv never overrides a variable that is set).
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      BOT_TOKEN: "",
      DATA_DIR,
      HOST,
      PORT: String(port),
      STATE_DIR: stateDir,
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 64_000) out = out.slice(-32_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once("exit", (code, signal) => ok({ code, signal })),
  );
  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(stateDir, { recursive: true, force: true });
  };

  const bootStart = performance.now();
  const deadlineBoot = Date.now() + 60_000;
  while (!out.includes(READY)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadlineBoot) {
      console.error(
        `load: the server ${child.exitCode !== null ? `exited with ${child.exitCode}` : "did not start within 60 s"}:\n${out}`,
      );
      await cleanup();
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const bootMs = performance.now() - bootStart;
  const pid = child.pid!;
  const corpusLine = /^corpus: .*$/m.exec(out)?.[0] ?? "";

  console.log(`load: ${users} users × ${seconds} s, GET /api/ask?q=…&limit=${LIMIT} on ${base}`);
  console.log(`      ${questions.length} dev questions from ${DEV.replace(`${resolve(ROOT, "..")}/`, "../")}`);
  console.log(
    `      server: node --import tsx src/main.ts (pid ${pid}), no BOT_TOKEN, ready in ${f(bootMs, 0)} ms; ${corpusLine}`,
  );
  console.log(
    `      machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"}, node ${process.version}; the client runs on the same cores`,
  );

  // Latencies in a preallocated buffer (grown if needed), so the client's own allocations stay small.
  let lat = new Float64Array(1 << 18);
  let at = new Float64Array(1 << 18);
  let n = 0;
  let ok = 0;
  const errors: Record<ErrorKind, number> = { http: 0, json: 0, timeout: 0, network: 0 };
  const firstErrors: string[] = [];
  const record = (start: number) => {
    if (n === lat.length) {
      const grownLat = new Float64Array(lat.length * 2);
      const grownAt = new Float64Array(at.length * 2);
      grownLat.set(lat);
      grownAt.set(at);
      lat = grownLat;
      at = grownAt;
    }
    at[n] = start - t0;
    lat[n++] = performance.now() - start;
  };
  const fail = (kind: ErrorKind, detail: string) => {
    errors[kind]++;
    if (firstErrors.length < 5) firstErrors.push(`${kind}: ${detail}`);
  };

  const serverCpu0 = cpuSeconds(pid);
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const samples: { t: number; mb: number | undefined }[] = [{ t: 0, mb: rssMB(pid) }];
  const sampler = setInterval(() => samples.push({ t: performance.now() - t0, mb: rssMB(pid) }), SAMPLE_MS);

  const user = async (u: number) => {
    // Each user walks the questions from its own offset, so the server sees a mix at every moment.
    for (let i = u; performance.now() < end; i++) {
      const q = questions[i % questions.length]!;
      const url = `${base}/api/ask?q=${encodeURIComponent(q)}&limit=${LIMIT}`;
      const start = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        const body = await res.text();
        record(start);
        if (res.status !== 200) {
          fail("http", `${res.status} for ${JSON.stringify(q)}: ${body.slice(0, 120)}`);
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          fail("json", `unparseable body for ${JSON.stringify(q)}: ${body.slice(0, 120)}`);
          continue;
        }
        if (!parsed || typeof parsed !== "object" || !Array.isArray((parsed as { answers?: unknown }).answers)) {
          fail("json", `no "answers" array for ${JSON.stringify(q)}: ${body.slice(0, 120)}`);
          continue;
        }
        ok++;
      } catch (err) {
        record(start);
        const name = (err as Error).name;
        if (name === "TimeoutError" || name === "AbortError")
          fail("timeout", `> ${TIMEOUT_MS} ms for ${JSON.stringify(q)}`);
        else
          fail(
            "network",
            `${String(err)}${(err as { cause?: unknown }).cause ? ` (${String((err as { cause?: unknown }).cause)})` : ""}`,
          );
        // A dead server would otherwise turn this loop into a busy spin until the deadline.
        if (child.exitCode !== null || child.signalCode !== null) return;
      }
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (elapsed * 1000 - samples[samples.length - 1]!.t > 1000) samples.push({ t: elapsed * 1000, mb: rssMB(pid) });
  const serverCpu = ((cpuSeconds(pid) ?? NaN) - (serverCpu0 ?? NaN)) / elapsed;
  const clientUsage = process.cpuUsage(clientCpu0);
  const clientCpu = (clientUsage.user + clientUsage.system) / 1e6 / elapsed;

  const sorted = lat.slice(0, n).sort();
  const errorCount = errors.http + errors.json + errors.timeout + errors.network;
  const perSecond = ok / elapsed;
  const p = {
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  const warmLat = lat
    .slice(0, n)
    .filter((_, i) => at[i]! >= WARMUP_MS)
    .sort();

  const measured = samples.filter((s): s is { t: number; mb: number } => s.mb !== undefined);
  const afterWarm = measured.find((s) => s.t >= WARMUP_MS - 50);
  const last = measured[measured.length - 1];
  const growthMB = afterWarm && last && last !== afterWarm ? last.mb - afterWarm.mb : NaN;
  const growthPct = afterWarm ? (growthMB / afterWarm.mb) * 100 : NaN;
  const peak = Math.max(...measured.map((s) => s.mb));

  // Stop the server the way a supervisor does, and wait (bounded) for it to finish.
  const stopStart = performance.now();
  child.kill("SIGTERM");
  const stopped = await Promise.race([
    exited,
    new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000).unref()),
  ]);
  const stopMs = performance.now() - stopStart;
  await cleanup();

  console.log("");
  console.log(`requests      ${n} in ${f(elapsed, 1)} s (${ok} answered, ${errorCount} errors)`);
  console.log(
    `throughput    ${f(perSecond, 1)} answered questions/s            target ≥ ${TARGET.perSecond}   ${mark(perSecond >= TARGET.perSecond)}`,
  );
  console.log(`latency ms    p50 ${f(p.p50)}  p95 ${f(p.p95)}  p99 ${f(p.p99)}  max ${f(p.max)}  (mean ${f(mean)})`);
  console.log(
    `              p99 end-to-end through HTTP                target ≤ ${TARGET.p99Ms} ms   ${mark(p.p99 <= TARGET.p99Ms)}`,
  );
  if (warmLat.length)
    console.log(
      `              (requests sent after the ${WARMUP_MS / 1000} s warm-up only: p50 ${f(pct(warmLat, 50))}  p95 ${f(pct(warmLat, 95))}  p99 ${f(pct(warmLat, 99))}  max ${f(warmLat[warmLat.length - 1]!)})`,
    );
  console.log(
    `cpu           server ${f(serverCpu * 100, 0)}% of one core, load client ${f(clientCpu * 100, 0)}% (${cpus().length} cores shared)`,
  );
  console.log(
    `errors        ${errorCount} (non-200 ${errors.http}, bad JSON ${errors.json}, timeout > ${TIMEOUT_MS / 1000} s ${errors.timeout}, network ${errors.network})   target ${TARGET.errors}   ${mark(errorCount === TARGET.errors)}`,
  );
  for (const e of firstErrors) console.log(`              ${e}`);
  console.log(`server RSS    every ${SAMPLE_MS / 1000} s from /proc/${pid}/status (VmRSS):`);
  for (const s of samples)
    console.log(
      `              t=${f(s.t / 1000, 1).padStart(5)} s  ${s.mb === undefined ? "(gone)" : `${f(s.mb)} MB`}`,
    );
  console.log(
    `memory        ${afterWarm && last && last !== afterWarm ? `${f(afterWarm.mb)} MB at t=${f(afterWarm.t / 1000, 0)} s (after ${WARMUP_MS / 1000} s warm-up) → ${f(last.mb)} MB at t=${f(last.t / 1000, 0)} s: ${growthMB >= 0 ? "+" : ""}${f(growthMB)} MB (${growthPct >= 0 ? "+" : ""}${f(growthPct)}%), peak ${f(peak)} MB` : "run too short for a post-warm-up sample"}`,
  );
  const flat = Number.isFinite(growthPct) && growthPct <= TARGET.growthPct;
  console.log(`              flat after warm-up (growth ≤ ${TARGET.growthPct}%)              ${mark(flat)}`);
  const exitText =
    stopped === undefined
      ? "did not exit within 15 s (killed)"
      : stopped.signal
        ? `killed by ${stopped.signal}`
        : `exit code ${stopped.code}`;
  const cleanExit = stopped !== undefined && stopped.code === 0 && stopped.signal === null;
  console.log(`shutdown      SIGTERM → ${exitText} after ${f(stopMs, 0)} ms                 ${mark(cleanExit)}`);

  const all =
    perSecond >= TARGET.perSecond && p.p99 <= TARGET.p99Ms && errorCount === TARGET.errors && flat && cleanExit;
  console.log(`\n${all ? "all targets met" : "some targets missed"}`);
  if (!cleanExit || errorCount) console.log(`server output (tail):\n${out.slice(-1500)}`);
  process.exitCode = all ? 0 : 1;
}

await main();

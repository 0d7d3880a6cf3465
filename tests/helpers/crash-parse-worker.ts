/**
 * A parse worker that dies on any file whose name holds "crash" (as one out of memory would) and parses the others
 * as parse-worker.ts does: for the pool's tests.
 */
import { parentPort } from "node:worker_threads";
import { jobErrorOf, packJob, runParseJob } from "../../src/corpus/parse-job.ts";
import type { JobMessage } from "../../src/corpus/parse-worker.ts";

const port = parentPort;
port?.on("message", async ({ id, job }: JobMessage) => {
  if (job.path.includes("crash")) process.exit(7);
  try {
    const packed = packJob(await runParseJob(job));
    port.postMessage({ id, result: packed }, [packed.spans.buffer]);
  } catch (err) {
    port.postMessage({ id, error: jobErrorOf(err) });
  }
});
port?.postMessage({ ready: true });

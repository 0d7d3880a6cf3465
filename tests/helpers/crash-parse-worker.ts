/**
 * A parse worker that dies on any file whose name holds "crash" (as one out of memory would) and parses the others
 * as parse-worker.ts does, one at a time in the order sent: for the pool's tests.
 */
import { parentPort } from "node:worker_threads";
import { replyToJob } from "../../src/corpus/parse-job.ts";
import type { JobMessage } from "../../src/corpus/parse-worker.ts";

const port = parentPort;
let queue = Promise.resolve();
port?.on("message", ({ id, job }: JobMessage) => {
  queue = queue.then(() => {
    if (job.path.includes("crash")) process.exit(7);
    return replyToJob(port, id, job);
  });
});
port?.postMessage({ ready: true });

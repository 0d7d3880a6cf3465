/**
 * Entry of a parse worker thread (parse-pool.ts): parses the files it is sent, one reply per file. Only a worker
 * thread does anything here; imported anywhere else, the module does nothing.
 */
import { isMainThread, parentPort } from "node:worker_threads";
import { jobErrorOf, packJob, runParseJob, type ParseJob } from "./parse-job.ts";

export interface JobMessage {
  id: number;
  job: ParseJob;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", async ({ id, job }: JobMessage) => {
    try {
      // Inside the try: a result that cannot be cloned is this file's error, not the worker's end.
      const packed = packJob(await runParseJob(job));
      port.postMessage({ id, result: packed }, [packed.spans.buffer]);
    } catch (err) {
      port.postMessage({ id, error: jobErrorOf(err) });
    }
  });
  // Loaded: from here on a worker that stops does so on a file (parse-pool.ts tells the two apart).
  port.postMessage({ ready: true });
}

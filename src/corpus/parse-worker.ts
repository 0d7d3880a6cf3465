/**
 * Entry of a parse worker thread (parse-pool.ts): parses the files it is sent, one reply per file. Only a worker
 * thread does anything here; imported anywhere else, the module does nothing.
 */
import { isMainThread, parentPort } from "node:worker_threads";
import { type ParseJob, replyToJob } from "./parse-job.ts";

export interface JobMessage {
  id: number;
  job: ParseJob;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // One file at a time, in the order sent (the pool sends the next before this one is done): the replies come in
  // that order, and a crash is on the first file not answered.
  let queue = Promise.resolve();
  port.on("message", (msg: JobMessage) => {
    queue = queue.then(() => replyToJob(port, msg.id, msg.job));
  });
  // Loaded: from here on a worker that stops does so on a file (parse-pool.ts tells the two apart).
  port.postMessage({ ready: true });
}

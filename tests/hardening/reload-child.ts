/**
 * Reloads for the process-fault test, as its own process: opens the store at STATE_DIR, then reloads the corpus
 * folders in CORPUS_DIRS (comma-separated, in turn, forever) with createReloader, announcing each one the way
 * src/main.ts does (announceCorpus → delivery queue + known_documents), until it is killed. Run with tsx.
 * Prints "ready" once the store is open and "reloaded <dir index>" after each reload.
 */
import { createReloader } from "../../src/admin/reloader.ts";
import { announceCorpus } from "../../src/alerts/announce.ts";
import { createDeliveryQueue } from "../../src/store/delivery-queue.ts";
import { renderAlert } from "../../src/bot/render-alert.ts";
import { createSubscriptions } from "../../src/store/subscriptions.ts";
import { MESSAGES } from "../../src/i18n/messages.ts";
import { loadCorpus } from "../../src/corpus/load-corpus.ts";
import type { Corpus } from "../../src/corpus/types.ts";
import { createLogger } from "../../src/log.ts";
import { openStore } from "../../src/store/open-store.ts";

const stateDir = process.env.STATE_DIR;
const dirs = (process.env.CORPUS_DIRS ?? "").split(",").filter(Boolean);
if (!stateDir || dirs.length === 0) throw new Error("reload-child: STATE_DIR and CORPUS_DIRS are required");

const store = openStore(stateDir);
const subscriptions = createSubscriptions(store.db);
const queue = createDeliveryQueue(store.db, Date.now);
let current: Corpus = { documents: new Map(), passages: [], reports: [], loadedAt: new Date(0) };
let next = 0;
let loading = 0;
const reloader = createReloader({
  load: () => loadCorpus(dirs[(loading = next++ % dirs.length)]!, { maxFileBytes: 1024 * 1024 }),
  current: () => current,
  swap: (corpus) => {
    current = corpus;
  },
  announce: (corpus) =>
    announceCorpus(corpus, {
      subscriptions,
      enqueue: (rows) => queue.enqueue(rows),
      render: (doc, kind) => renderAlert(doc, kind, MESSAGES.vi, "http://bot.test", "directive_test_bot"),
      alertOnFirstLoad: false,
    }).queued,
  log: createLogger("warn"),
});
process.stdout.write("ready\n");
for (;;) {
  const report = await reloader.reload("signal", null);
  if (!report.ok) throw new Error(`reload-child: reload failed: ${report.error}`);
  process.stdout.write(`reloaded ${loading}\n`);
}

import type { Corpus, CorpusDocument } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import { announceCorpus } from "./announce.ts";
import type { DeliveryQueue } from "../store/delivery-queue.ts";
import { createDeliveryWorker, type ChannelSender } from "./delivery-worker.ts";
import type { RenderedAlert } from "./announce.ts";
import type { AlertChannel, Subscriptions } from "../store/subscriptions.ts";
import type { BodyMatcher } from "../corpus/match-body.ts";
import { planReminders, type RenderReminder } from "./reminders.ts";

/** Deadline reminders are planned again this often (and at every load and new subscription); the queue drops repeats. */
const REMIND_EVERY_MS = 6 * 3600_000;

/** What one messaging channel brings to the alerts: how it sends and how its alert looks. */
export interface AlertChannelSetup {
  channel: AlertChannel;
  sender: ChannelSender;
  render(doc: CorpusDocument, kind: "new" | "updated"): RenderedAlert;
  /** Deadline reminders for this channel's unit subscriptions; absent: the channel gets none. */
  renderReminder?: RenderReminder;
}

export interface AlertsDeps {
  queue: DeliveryQueue;
  subscriptions: Subscriptions;
  channels: readonly AlertChannelSetup[];
  alertOnFirstLoad: boolean;
  /** Matches a subscription's unit filter against the bodies a passage assigns work to. */
  matcher: BodyMatcher;
  /** The corpus being served, for the periodic reminder planning. */
  corpus: () => Corpus;
  log: Logger;
}

/**
 * The one delivery worker of the state database, sending through each channel's sender, and `announce`, which
 * compares a corpus with the store and queues alerts for every subscribed chat of every channel that is on.
 * Rows of a channel that is off stay queued until it is on again.
 */
export function startAlerts(deps: AlertsDeps): {
  announce(corpus: Corpus): number;
  remind(corpus: Corpus): number;
  start(): void;
  stop(): Promise<void>;
} {
  const { queue, log } = deps;
  const byChannel = new Map(deps.channels.map((c) => [c.channel, c]));
  const senders = Object.fromEntries(deps.channels.map((c) => [c.channel, c.sender]));
  const worker = createDeliveryWorker({ queue, now: Date.now, log, senders });
  // Only chats of channels that are on: an alert for a channel that is off could not be rendered for it.
  const subscriptions: Subscriptions = {
    ...deps.subscriptions,
    active: () => deps.subscriptions.active().filter((s) => byChannel.has(s.channel)),
  };
  const announce = (corpus: Corpus): number => {
    const a = announceCorpus(corpus, {
      subscriptions,
      enqueue: (rows) => queue.enqueue(rows),
      render: (doc, kind, channel) => byChannel.get(channel)!.render(doc, kind),
      alertOnFirstLoad: deps.alertOnFirstLoad,
    });
    const { added, changed, removed } = a.changes;
    log.info("alerts: corpus compared with the store", {
      firstLoad: a.firstLoad,
      added: added.length,
      changed: changed.length,
      removed: removed.length,
      queued: a.queued,
    });
    if (a.queued) worker.wake();
    remind(corpus);
    return a.queued;
  };
  const remind = (corpus: Corpus): number => {
    try {
      const rows = deps.channels.flatMap((c) => remindersFor(c, corpus, subscriptions, deps.matcher));
      const queued = rows.length ? queue.enqueue(rows) : 0;
      if (queued) {
        log.info("reminders: queued", { queued });
        worker.wake();
      }
      return queued;
    } catch (err) {
      log.error("reminders: planning failed", { error: String(err) });
      return 0;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    worker.start();
    timer = setInterval(() => remind(deps.corpus()), REMIND_EVERY_MS);
    timer.unref();
  };
  const stop = () => {
    clearInterval(timer);
    return worker.stop();
  };
  return { announce, remind, start, stop };
}

function remindersFor(setup: AlertChannelSetup, corpus: Corpus, subscriptions: Subscriptions, matcher: BodyMatcher) {
  const render = setup.renderReminder;
  if (!render) return [];
  const mine = subscriptions.active().filter((s) => s.channel === setup.channel);
  return planReminders(corpus, mine, { matcher, render, now: Date.now }).map((r) => ({ ...r, channel: setup.channel }));
}

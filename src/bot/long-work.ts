import type { Logger } from "../log.ts";
import type { BotContext, BotDeps } from "./context.ts";

/**
 * Work that can outlast Telegram's patience with a webhook (a corpus reload, reading an uploaded file). Polling
 * runs it inline; webhook mode acknowledges the update first and runs it in the background (BackgroundTasks).
 */
export type LongWork = (name: string, task: () => Promise<unknown>) => Promise<void>;

export interface BackgroundTasks {
  /** Starts `task` without waiting for it; at most `limit` at once, beyond that it runs inline (and is awaited). */
  run(name: string, task: () => Promise<unknown>, onError: (error: unknown) => Promise<void> | void): Promise<void>;
  /** Resolves when every task has finished, or after `timeoutMs`; returns how many were still running. */
  settled(timeoutMs: number): Promise<number>;
  readonly size: number;
}

export interface BackgroundOptions {
  log: Logger;
  /** Tasks at once; the reloader runs one reload at a time anyway, so this bounds memory, not CPU. */
  limit?: number;
  /** A task still running after this long is reported once (it is not killed: a reload cannot be cut). */
  warnAfterMs?: number;
}

export function createBackgroundTasks(options: BackgroundOptions): BackgroundTasks {
  const limit = options.limit ?? 4;
  const warnAfterMs = options.warnAfterMs ?? 120_000;
  const running = new Set<Promise<void>>();

  const guarded = async (name: string, task: () => Promise<unknown>, onError: (e: unknown) => Promise<void> | void) => {
    const started = Date.now();
    const timer = setTimeout(
      () => options.log.warn("bot: background work still running", { task: name, ms: Date.now() - started }),
      warnAfterMs,
    );
    timer.unref();
    try {
      await task();
    } catch (error) {
      await Promise.resolve(onError(error)).catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async run(name, task, onError) {
      if (running.size >= limit) {
        options.log.warn("bot: too much background work; this one runs before the update is acknowledged", {
          task: name,
          running: running.size,
        });
        await guarded(name, task, onError);
        return;
      }
      const p: Promise<void> = guarded(name, task, onError).finally(() => running.delete(p));
      running.add(p);
    },
    async settled(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
      return running.size;
    },
    get size() {
      return running.size;
    },
  };
}

/** The features' entry: the bot's LongWork for this update, or inline when the bot was built without one. */
export async function runLong(
  deps: BotDeps,
  ctx: BotContext,
  name: string,
  task: () => Promise<unknown>,
): Promise<void> {
  if (deps.longWork) await deps.longWork(ctx)(name, task);
  else await task();
}

import { join } from "node:path";
import { createParseCache, type ParseCache } from "./corpus/parse-cache.ts";
import { readIndexCache, type Engine, type EngineOptions } from "./engine.ts";
import type { Logger } from "./log.ts";
import { saveIndexCache, type IndexReuse } from "./search/index-reuse.ts";

/** After a build, the index cache is written this much later: never in the way of the first answers. */
const SAVE_DELAY_MS = 2000;

/**
 * The two caches that make a restart fast, both in STATE_DIR: parsed files by content hash (parse-cache/) and the
 * passages' encoded terms (index-cache.bin). Each is checked before it is used, and rebuilt when it fails a check.
 */
export interface EngineCaches {
  parse: ParseCache;
  /** Reads the index cache, once, before the first build. */
  warm(options: EngineOptions): Promise<void>;
  /** What the next build may reuse. */
  previous(): IndexReuse | null;
  /** Keeps a new engine's encodings for the next build; writes them for the next start when they changed. */
  built(engine: Engine): void;
}

export function createEngineCaches(stateDir: string, log: Logger): EngineCaches {
  const parse = createParseCache(stateDir);
  const path = join(stateDir, "index-cache.bin");
  let previous: IndexReuse | null = null;
  let timer: NodeJS.Timeout | undefined;
  return {
    parse,
    async warm(options) {
      previous = await readIndexCache(path, options);
      log.info("cache: index cache", { path, used: previous !== null, passages: previous?.passages.size ?? 0 });
    },
    previous: () => previous,
    built(engine) {
      const reuse = engine.index.reuse;
      if (!reuse) return;
      previous = reuse;
      if (reuse.encoded === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        saveIndexCache(path, reuse).catch((err) =>
          log.warn("cache: cannot write the index cache", { path, error: String(err) }),
        );
      }, SAVE_DELAY_MS);
      timer.unref();
    },
  };
}

import { watch, type FSWatcher } from "node:fs";
import { basename } from "node:path";

/** Editors' swap and backup files, partial downloads, our own temp files: changes to them are not corpus changes. */
export const IGNORED_FILE = /(^\.|~$|\.(swp|swo|swx|swpx|tmp|part|crdownload|bak|lock)$|^#.*#$|^~\$|^4913$)/i;

export interface CorpusWatcher {
  close(): void;
}

/**
 * Calls `onChange` once the folder has been quiet for `debounceMs` after a change to a corpus file: a copy of many
 * files, or an editor's save dance, is one reload.
 */
export function watchCorpus(dir: string, onChange: (files: string[]) => void, debounceMs = 500): CorpusWatcher {
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const watcher: FSWatcher = watch(dir, { persistent: false }, (_event, name) => {
    const file = name ? basename(name.toString()) : "";
    if (!file || IGNORED_FILE.test(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      onChange(files);
    }, debounceMs);
  });
  // A watched folder that disappears must not crash the server; reloads by command and SIGHUP still work.
  watcher.on("error", () => watcher.close());
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

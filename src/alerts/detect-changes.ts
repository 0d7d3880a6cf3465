/** What a corpus load changed, compared with the documents the store already knew. */
export interface CorpusChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** Pure: docId → content hash, before and after. A document whose hash is the same did not really change. */
export function detectChanges(known: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): CorpusChanges {
  const changes: CorpusChanges = { added: [], changed: [], removed: [], unchanged: [] };
  for (const [docId, hash] of current) {
    const before = known.get(docId);
    if (before === undefined) changes.added.push(docId);
    else if (before !== hash) changes.changed.push(docId);
    else changes.unchanged.push(docId);
  }
  for (const docId of known.keys()) if (!current.has(docId)) changes.removed.push(docId);
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

/**
 * The question's term ids, looked up in a candidate's sorted term set all at once. Ranking asks each set about dozens
 * of a long question's syllables and phrases, several of them more than once; one pass over both sorted arrays
 * replaces a binary search per id and per asking.
 */
export interface TermProbe {
  /** The distinct ids asked about, sorted. */
  ids: Int32Array;
  /** Position of each id in `ids`. */
  at: Map<number, number>;
}

/** Ids never held (-1): a word or phrase the corpus does not have. */
export const ABSENT = -1;

export function createProbe(ids: Iterable<number | undefined>): TermProbe {
  const unique = new Set<number>();
  for (const id of ids) if (id !== undefined) unique.add(id);
  const sorted = Int32Array.from(unique).sort();
  const at = new Map<number, number>();
  sorted.forEach((id, k) => at.set(id, k));
  return { ids: sorted, at };
}

/** The position of `id` in the probe, for `holds`; ABSENT for an id it does not ask about. */
export const positionOf = (probe: TermProbe, id: number | undefined): number =>
  id === undefined ? ABSENT : (probe.at.get(id) ?? ABSENT);

/** Does the set whose probe result is `hits` hold the id at `position`? */
export const holds = (hits: Uint8Array, position: number): boolean => position >= 0 && hits[position] === 1;

/** Which of the probe's ids `set` (sorted, unique) holds: 1 at their positions. */
export function probeSet(probe: TermProbe, set: Int32Array): Uint8Array {
  const { ids } = probe;
  const hits = new Uint8Array(ids.length);
  // A whole item's or document's set may be far longer than the question: there, binary search each id instead.
  if (set.length > 8 * ids.length) {
    let lo = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      let hi = set.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (set[mid]! < id) lo = mid + 1;
        else hi = mid - 1;
      }
      // `lo` is the first element ≥ id; later ids are larger, so the next search starts there.
      if (lo < set.length && set[lo] === id) hits[k] = 1;
    }
    return hits;
  }
  let i = 0;
  let k = 0;
  while (i < set.length && k < ids.length) {
    const a = set[i]!;
    const b = ids[k]!;
    if (a === b) {
      hits[k++] = 1;
      i++;
    } else if (a < b) i++;
    else k++;
  }
  return hits;
}

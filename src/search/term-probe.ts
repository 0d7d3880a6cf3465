/**
 * The question's term ids, looked up in a candidate's sorted term set all at once. Ranking asks each set about dozens
 * of a long question's syllables and phrases, several of them more than once; one pass over the set replaces a
 * binary search per id and per asking.
 */
export interface TermProbe {
  /** The distinct ids asked about, sorted. */
  ids: Int32Array;
  /** Position of each id in `ids`. */
  at: Map<number, number>;
  /** The index's marks, holding position + 1 at each of `ids` while the probe is open. */
  marks: ProbeMarks;
}

/** One array over the term id space per index, reused by every query: questions are ranked one at a time. */
export interface ProbeMarks {
  slots: Int32Array;
}

/** Ids never held (-1): a word or phrase the corpus does not have. */
export const ABSENT = -1;
/** A set this many times longer than the probe (a whole document's terms) is searched, not scanned. */
const SEARCH_RATIO = 16;

export const createMarks = (size: number): ProbeMarks => ({ slots: new Int32Array(Math.max(16, size)) });

/** Marks `ids` for probing; `closeProbe` must follow before the marks serve another probe. */
export function openProbe(marks: ProbeMarks, ids: Iterable<number | undefined>): TermProbe {
  const unique = new Set<number>();
  for (const id of ids) if (id !== undefined) unique.add(id);
  const sorted = Int32Array.from(unique).sort();
  const top = sorted.length ? sorted[sorted.length - 1]! : 0;
  // The encoder may have grown since the index was built (an index built beside it, sharing it).
  if (top >= marks.slots.length) marks.slots = new Int32Array(Math.max(top + 1, marks.slots.length * 2));
  const at = new Map<number, number>();
  sorted.forEach((id, k) => {
    at.set(id, k);
    marks.slots[id] = k + 1;
  });
  return { ids: sorted, at, marks };
}

export function closeProbe(probe: TermProbe): void {
  for (const id of probe.ids) probe.marks.slots[id] = 0;
}

/** The position of `id` in the probe, for `holds`; ABSENT for an id it does not ask about. */
export const positionOf = (probe: TermProbe, id: number | undefined): number =>
  id === undefined ? ABSENT : (probe.at.get(id) ?? ABSENT);

/** Does the set whose probe result is `hits` hold the id at `position`? */
export const holds = (hits: Uint8Array, position: number): boolean => position >= 0 && hits[position] === 1;

/** Which of the probe's ids `set` (sorted, unique) holds: 1 at their positions. */
export function probeSet(probe: TermProbe, set: Int32Array): Uint8Array {
  const hits = new Uint8Array(probe.ids.length);
  if (set.length > SEARCH_RATIO * probe.ids.length) {
    searchEach(probe.ids, set, hits);
    return hits;
  }
  const slots = probe.marks.slots;
  for (let i = 0; i < set.length; i++) {
    const id = set[i]!;
    if (id < slots.length) {
      const slot = slots[id]!;
      if (slot !== 0) hits[slot - 1] = 1;
    }
  }
  return hits;
}

/** Galloping search of each sorted id in the sorted set, each search starting where the last one ended. */
function searchEach(ids: Int32Array, set: Int32Array, hits: Uint8Array): void {
  const n = set.length;
  let lo = 0;
  for (let k = 0; k < ids.length && lo < n; k++) {
    const id = ids[k]!;
    let hi = lo;
    let step = 1;
    while (hi < n && set[hi]! < id) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    if (hi >= n) hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (set[mid]! < id) lo = mid + 1;
      else hi = mid - 1;
    }
    // `lo` is now the first element ≥ id: later ids are larger, so the next search starts there.
    if (lo < n && set[lo] === id) hits[k] = 1;
  }
}

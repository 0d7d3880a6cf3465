/**
 * Inverted lists in flat typed arrays (compressed sparse rows): for each term, the passages holding it and how
 * often. Retrieval accumulates BM25 over the question's rarest terms into one reused score array.
 */

const K1 = 1.2;
const B = 0.75;

export interface PostingLists {
  /** Postings of term t are docs[start[t] .. start[t + 1]). */
  start: Int32Array;
  docs: Int32Array;
  tf: Uint16Array;
  /** BM25's length normalisation of each row (passage or item): k1 · (1 − b + b · length / average length). */
  lengthNorm: Float32Array;
}

/** Builds postings from per-row (term id, frequency) pairs; `terms` is the size of the term id space. */
export function buildPostings(
  rows: ReadonlyArray<{ ids: Int32Array; tf: Uint16Array; length: number }>,
  terms: number,
): PostingLists {
  // Indexed loops over the typed arrays: at 50,000 passages this runs on every start and reload.
  const counts = new Int32Array(terms + 1);
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const ids = row.ids;
    for (let k = 0; k < ids.length; k++) counts[ids[k]! + 1]! += 1;
    total += row.length;
  }
  for (let t = 0; t < terms; t++) counts[t + 1]! += counts[t]!;
  const start = counts.slice();
  const fill = counts.subarray(0, terms);
  const docs = new Int32Array(start[terms]!);
  const tf = new Uint16Array(start[terms]!);
  const avg = rows.length ? total / rows.length || 1 : 1;
  const lengthNorm = new Float32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const ids = row.ids;
    const rowTf = row.tf;
    for (let k = 0; k < ids.length; k++) {
      const at = fill[ids[k]!]!++;
      docs[at] = r;
      tf[at] = rowTf[k]!;
    }
    lengthNorm[r] = K1 * (1 - B + (B * row.length) / avg);
  }
  return { start, docs, tf, lengthNorm };
}

export function postingCount(p: PostingLists, term: number): number {
  return term + 1 < p.start.length ? p.start[term + 1]! - p.start[term]! : 0;
}

/** Rows with a score, in a preallocated array: a query allocates nothing per posting. */
export interface Touched {
  rows: Int32Array;
  count: number;
}

export function touchedFor(rows: number): Touched {
  return { rows: new Int32Array(rows), count: 0 };
}

/** Adds weight × BM25(term) of every row holding `term` into `scores`; records rows touched for the first time. */
export function accumulate(
  p: PostingLists,
  term: number,
  weight: number,
  scores: Float64Array,
  touched: Touched,
): void {
  if (term + 1 >= p.start.length) return;
  const end = p.start[term + 1]!;
  for (let k = p.start[term]!; k < end; k++) {
    const row = p.docs[k]!;
    const f = p.tf[k]!;
    if (scores[row] === 0) touched.rows[touched.count++] = row;
    scores[row]! += (weight * f * (K1 + 1)) / (f + p.lengthNorm[row]!);
  }
}

/** The `k` best rows of `touched` by score, best first. */
export function topRows(scores: Float64Array, touched: Touched, k: number): number[] {
  if (touched.count <= k)
    return Array.from(touched.rows.subarray(0, touched.count)).sort((a, b) => scores[b]! - scores[a]!);
  // Min-heap of the best k seen so far, with each row's score beside it: a query passes tens of thousands of rows.
  const heap = new Int32Array(k);
  const keys = new Float64Array(k);
  let size = 0;
  for (let t = 0; t < touched.count; t++) {
    const row = touched.rows[t]!;
    const key = scores[row]!;
    if (size < k) siftUp(heap, keys, size++, row, key);
    else if (keys[0]! < key) siftDown(heap, keys, size, row, key);
  }
  return Array.from(heap).sort((a, b) => scores[b]! - scores[a]!);
}

/** Adds `row` at position `i` (the heap's end) and moves it up while it scores below its parent. */
function siftUp(heap: Int32Array, keys: Float64Array, i: number, row: number, key: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!(key < keys[parent]!)) break;
    heap[i] = heap[parent]!;
    keys[i] = keys[parent]!;
    i = parent;
  }
  heap[i] = row;
  keys[i] = key;
}

/** Puts `row` at the root in place of the lowest and moves it down while a child scores below it. */
function siftDown(heap: Int32Array, keys: Float64Array, size: number, row: number, key: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    let low = key;
    if (l < size && keys[l]! < low) {
      m = l;
      low = keys[l]!;
    }
    if (r < size && keys[r]! < low) m = r;
    if (m === i) break;
    heap[i] = heap[m]!;
    keys[i] = keys[m]!;
    i = m;
  }
  heap[i] = row;
  keys[i] = key;
}

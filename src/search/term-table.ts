/** Interned terms with document frequencies; passages keep sorted id arrays, far smaller than sets of strings. */
export class TermTable {
  readonly ids = new Map<string, number>();
  readonly df: number[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.ids.set(term, id);
      this.df.push(0);
    }
    return id;
  }

  /** Sorted unique ids of `terms`; with `countDf` each counts once towards its document frequency. */
  set(terms: Iterable<string>, countDf: boolean): Int32Array {
    const unique = new Set<number>();
    for (const t of terms) unique.add(this.id(t));
    const arr = Int32Array.from(unique).sort();
    if (countDf) for (const id of arr) this.df[id]! += 1;
    return arr;
  }
}

export function hasTerm(set: Int32Array, id: number | undefined): boolean {
  if (id === undefined) return false;
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = set[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

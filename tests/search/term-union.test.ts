import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdUnion, sortedUnique } from "../../src/search/term-encoder.ts";

const lists = fc.array(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), { maxLength: 8 });

describe("IdUnion (item and document terms of an index build)", () => {
  it("gives exactly sortedUnique's result for any lists, union after union on one instance", () => {
    const union = new IdUnion(301);
    fc.assert(
      fc.property(fc.array(lists, { minLength: 1, maxLength: 5 }), (runs) => {
        for (const run of runs) expect(union.of(run)).toEqual(sortedUnique(run));
      }),
    );
  });

  it("grows when an id is beyond the size it was made for (terms encoded after it was made)", () => {
    const union = new IdUnion(4);
    expect(union.of([[3, 1], [2000, 3], [17]])).toEqual(Int32Array.from([1, 3, 17, 2000]));
    expect(union.of([[2000], [5, 2000]])).toEqual(Int32Array.from([5, 2000]));
  });

  it("returns a new array each time: a kept union is never overwritten by the next", () => {
    const union = new IdUnion(10);
    const a = union.of([[1, 2]]);
    union.of([[7, 8, 9]]);
    expect(a).toEqual(Int32Array.from([1, 2]));
  });
});

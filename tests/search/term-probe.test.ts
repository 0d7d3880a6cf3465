import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ABSENT,
  closeProbe,
  createMarks,
  holds,
  openProbe,
  positionOf,
  probeSet,
} from "../../src/search/term-probe.ts";
import { hasTerm, sortedUnique } from "../../src/search/term-encoder.ts";

const ids = fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 60 });

describe("term probe (ranking asks a term set about all of a question's ids at once)", () => {
  it("answers as a binary search of each id would, for sets shorter and far longer than the probe", () => {
    const marks = createMarks(401);
    fc.assert(
      fc.property(ids, ids, fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 400 }), (asked, a, b) => {
        const probe = openProbe(marks, asked);
        for (const set of [sortedUnique([a]), sortedUnique([b])]) {
          const hits = probeSet(probe, set);
          for (const id of asked) expect(holds(hits, positionOf(probe, id))).toBe(hasTerm(set, id));
        }
        closeProbe(probe);
      }),
    );
  });

  it("clears its marks on closing, so the next question's probe sees only its own ids", () => {
    const marks = createMarks(10);
    closeProbe(openProbe(marks, [1, 5, 9]));
    expect(marks.slots.every((s) => s === 0)).toBe(true);
    const probe = openProbe(marks, [5]);
    expect([...probeSet(probe, Int32Array.from([1, 5, 9]))]).toEqual([1]);
  });

  it("never holds an id the question does not ask about or the corpus lacks (undefined)", () => {
    const probe = openProbe(createMarks(10), [2, undefined]);
    const hits = probeSet(probe, Int32Array.from([2, 3]));
    expect(positionOf(probe, 3)).toBe(ABSENT);
    expect(positionOf(probe, undefined)).toBe(ABSENT);
    expect(holds(hits, ABSENT)).toBe(false);
  });

  it("grows its marks for ids beyond the size they were made for (an encoder grown since)", () => {
    const marks = createMarks(16);
    const probe = openProbe(marks, [3, 5000]);
    expect([...probeSet(probe, Int32Array.from([3, 4999, 5000]))]).toEqual([1, 1]);
    expect(marks.slots.length).toBeGreaterThan(5000);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topRows, touchedFor } from "../../src/search/postings.ts";

describe("topRows (the best-scoring passages retrieval passes on to ranking)", () => {
  it("returns the k best touched rows, best first: none left out scores above one kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 120 }),
        (values, k) => {
          const scores = Float64Array.from(values, (v) => v / 4);
          const touched = touchedFor(values.length);
          // Touched in a shuffled order, as postings touch them (7919 is prime: each row once).
          for (let i = 0; i < values.length; i++) touched.rows[touched.count++] = (i * 7919) % values.length;
          const top = topRows(scores, touched, k);
          expect(top.length).toBe(Math.min(k, values.length));
          for (let i = 1; i < top.length; i++) expect(scores[top[i - 1]!]!).toBeGreaterThanOrEqual(scores[top[i]!]!);
          const kept = new Set(top);
          const lowest = scores[top[top.length - 1]!]!;
          for (let r = 0; r < values.length; r++) if (!kept.has(r)) expect(scores[r]!).toBeLessThanOrEqual(lowest);
        },
      ),
    );
  });
});

import { readFileSync } from "node:fs";
import type { z } from "zod";

/** An error of one of the editable data files (glossary, abbreviations, variants, synonyms). */
type DataError = new (message: string, options?: { cause?: unknown }) => Error;

/**
 * Reads and checks one JSON data file; a file that cannot be read or parsed, or that does not fit its schema, is an
 * error naming the component (`label`), the file and what is wrong.
 */
export function readDataFile<T>(path: string, schema: z.ZodType<T>, label: string, Failure: DataError): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Failure(`${label}: ${path}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Failure(
      `${label}: ${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

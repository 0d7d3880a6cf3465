import { slug } from "../src/corpus/doc-id.ts";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SHARED = new URL("../../shared/", import.meta.url).pathname;
const ARTICLES = "bench/alqac/articles.json";
/** The first question file: without it there is no ALQAC set at all. */
const QUESTIONS = "bench/alqac/questions-dev.json";

/** ALQAC is an optional set in ../shared (a fresh clone has none): callers skip it, saying so, when this is false. */
export function alqacAvailable(): boolean {
  return existsSync(join(SHARED, ARTICLES)) && existsSync(join(SHARED, QUESTIONS));
}

/** The one line a bench script prints when it skips ALQAC. */
export const ALQAC_SKIPPED = `ALQAC skipped: ${join(SHARED, "bench/alqac/")} not found (optional set, beside the repo)`;

const QUESTION_FILES = ["questions-dev.json", "questions-dev-2.json"];

export interface AlqacQuestion {
  question_id: string;
  text: string;
  relevant_articles: { law_id: string; article_id: string }[];
}

/** Writes ALQAC as a corpus: one document per law (its name as the sidecar title), articles as "Điều N. <title>". */
export async function writeAlqacCorpus(): Promise<{ dir: string; questions: AlqacQuestion[] }> {
  const articles = JSON.parse(await readFile(join(SHARED, ARTICLES), "utf8")) as Record<string, string>;
  const questions: AlqacQuestion[] = [];
  // questions-dev.json (100) and questions-dev-2.json (300): one 400-question dev set, in that order.
  for (const file of QUESTION_FILES) {
    const path = join(SHARED, "bench/alqac", file);
    if (!existsSync(path)) continue;
    questions.push(...(JSON.parse(await readFile(path, "utf8")) as AlqacQuestion[]));
  }
  const laws = new Map<string, { id: number; text: string }[]>();
  for (const [key, text] of Object.entries(articles)) {
    const at = key.lastIndexOf("@");
    const law = key.slice(0, at);
    const list = laws.get(law) ?? [];
    list.push({ id: Number(key.slice(at + 1)), text });
    laws.set(law, list);
  }
  const dir = await mkdtemp(join(tmpdir(), "alqac-"));
  for (const [law, list] of laws) {
    list.sort((a, b) => a.id - b.id);
    const body = list
      .map(({ id, text }) => {
        const [title, ...rest] = text.split("\n");
        return `Điều ${id}. ${title!.trim()}\n\n${rest.join("\n").trim()}`;
      })
      .join("\n\n");
    const name = `luat-${slug(law)}`;
    await writeFile(join(dir, `${name}.txt`), `${law.toUpperCase()}\n\n${body}\n`);
    await writeFile(join(dir, `${name}.meta.json`), JSON.stringify({ title: law, type: "Luật" }));
  }
  return { dir, questions };
}

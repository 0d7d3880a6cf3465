import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/open-store.ts";
import type { Lang } from "../../src/i18n/lang.ts";

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "store-test-"));
  store = openStore(dir, { now: () => new Date("2026-11-24T08:00:00.000Z") });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

it("a user who never chose has no language", () => {
  expect(store.userPrefs.getLang(1)).toBeUndefined();
});

it("setLang / getLang round-trip, a later choice replaces the earlier, across a reopen", () => {
  store.userPrefs.setLang(1, "en");
  store.userPrefs.setLang(2, "vi");
  store.userPrefs.setLang(1, "vi");
  store.userPrefs.setLang(1, "en");
  store.close();
  store = openStore(dir);
  expect(store.userPrefs.getLang(1)).toBe("en");
  expect(store.userPrefs.getLang(2)).toBe("vi");
  expect(store.db.prepare("SELECT COUNT(*) FROM user_prefs").pluck().get()).toBe(2);
});

it("the schema refuses a language other than vi and en", () => {
  expect(() => store.userPrefs.setLang(1, "fr" as Lang)).toThrow(/CHECK constraint failed/);
  expect(store.userPrefs.getLang(1)).toBeUndefined();
});

it("a row without a language (room for other prefs later) reads as undefined", () => {
  store.db
    .prepare("INSERT INTO user_prefs (user_id, lang, updated_at) VALUES (?, NULL, ?)")
    .run(3, "2026-11-24T08:00:00.000Z");
  expect(store.userPrefs.getLang(3)).toBeUndefined();
});

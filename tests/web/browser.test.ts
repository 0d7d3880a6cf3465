import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.ts";
import { startWebProcess, type WebProcess } from "./web-process.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = `${ROOT}/test-output/browser`;
const QUESTION = "Ai chịu trách nhiệm tiêm vắc xin?";
const inCI = process.env.CI === "true";
// Never skipped in CI (.ci/run installs Debian's chromium): a missing browser there fails the test.
const skip = !existsSync(CHROMIUM) && !inCI;
if (skip)
  console.warn(
    `\n⚠ SKIPPED tests/web/browser.test.ts: ${CHROMIUM} is absent (apt-get install chromium to run the browser test)\n`,
  );

/** The few browser globals the page functions use (the project's tsconfig has no DOM lib). They run in the page, where globalThis is window. */
interface PageGlobals {
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): { length: number } };
  getComputedStyle(element: unknown): { backgroundColor: string; getPropertyValue(name: string): string };
}

/** "#fff8dc" → "rgb(255, 248, 220)", the form getComputedStyle reports. */
function rgb(hex: string): string {
  const h = hex.trim().replace(/^#/, "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  return `rgb(${[0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).join(", ")})`;
}

function fitsWidth() {
  const { document, innerWidth } = globalThis as unknown as PageGlobals;
  return { scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
}

describe("browser (Debian's Chromium): question → cited answer → document at the passage", () => {
  let web: WebProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (skip) return;
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: .ci/run must install Debian's chromium (the browser test never skips in CI)`,
      );
    [web, browser] = await Promise.all([
      startWebProcess(),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          "--disable-sync",
          "--disable-quic",
        ],
      }),
    ]);
    await mkdir(SHOTS, { recursive: true });
  }, 45_000);

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await web.stop()).toBe(0);
  });

  it.skipIf(skip)("types a question, sees a cited answer, opens it and lands on the highlighted passage", async () => {
    const base = web!.base;
    const context = await browser!.newContext({ viewport: { width: 1024, height: 768 }, locale: "vi-VN" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    page.on("response", (r) => {
      // The browser's own /favicon.ico probe is not something the page asked for.
      if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") errors.push(`${r.status()} ${r.url()}`);
    });
    // Everything comes from this server: any other request is an external asset.
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(base)) foreign.push(r.url());
    });

    await page.goto(`${base}/`);
    const box = page.locator('form.search input[name="q"]');
    await box.fill(QUESTION);
    await Promise.all([page.waitForURL((u) => u.searchParams.get("q") === QUESTION), box.press("Enter")]);
    await page.screenshot({ path: `${SHOTS}/1-answers.png`, fullPage: true });

    const answer = page.locator("article.answer", { has: page.locator("div.cite") }).first();
    await answer.waitFor();
    const link = answer.locator("a.open", { hasText: "Xem văn bản" });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/d\/[^?#]+\?q=[^#]+#.+/);
    await Promise.all([page.waitForURL(/\/d\/[^?#]+/), link.click()]);

    const url = new URL(page.url());
    expect(url.pathname).toMatch(/^\/d\//);
    const anchor = decodeURIComponent(url.hash.slice(1));
    expect(anchor).not.toBe("");
    const passage = page.locator(`[id="${anchor.replace(/"/g, '\\"')}"]`);
    await passage.waitFor();
    const state = await passage.evaluate((el) => {
      const { document, getComputedStyle, innerHeight, scrollY } = globalThis as unknown as PageGlobals;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        top: r.top,
        bottom: r.bottom,
        viewport: innerHeight,
        scrollY,
        target: el.matches(":target"),
        background: style.backgroundColor,
        targetColor: getComputedStyle(document.documentElement).getPropertyValue("--target"),
        marks: [...el.querySelectorAll("mark")].map((m) => m.textContent ?? ""),
        pageMarks: document.querySelectorAll("mark").length,
      };
    });
    // Scrolled to: the passage starts inside the viewport (the page is longer than one screen, so it had to scroll).
    expect(state.scrollY).toBeGreaterThan(0);
    expect(state.top).toBeGreaterThanOrEqual(0);
    expect(state.top).toBeLessThan(state.viewport);
    // Highlighted: :target and its background colour, not transparent.
    expect(state.target).toBe(true);
    expect(state.background).not.toBe("rgba(0, 0, 0, 0)");
    expect(state.background).toBe(rgb(state.targetColor));
    // The question's words are marked in the cited passage.
    expect(state.marks.length).toBeGreaterThan(0);
    expect(state.marks.join(" ").toLowerCase()).toMatch(/tiêm|vắc|xin|trách nhiệm|chịu/);
    await page.screenshot({ path: `${SHOTS}/2-document.png` });

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.skipIf(skip)("on a phone the document fits the screen width (Telegram opens links there)", async () => {
    const base = web!.base;
    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const doc = await fetch(`${base}/api/ask?q=${encodeURIComponent(QUESTION)}&limit=1`).then(
      (r) => r.json() as Promise<{ answers: { url: string }[] }>,
    );
    const cited = new URL(doc.answers[0]!.url);
    await page.goto(`${base}${cited.pathname}?q=${encodeURIComponent(QUESTION)}${cited.hash}`);
    const fit = await page.evaluate(fitsWidth);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
    await page.screenshot({ path: `${SHOTS}/3-document-phone.png` });
    await page.goto(`${base}/?q=${encodeURIComponent(QUESTION)}`);
    const fit2 = await page.evaluate(fitsWidth);
    expect(fit2.scrollWidth).toBeLessThanOrEqual(fit2.width);
    await page.screenshot({ path: `${SHOTS}/4-answers-phone.png` });
    await context.close();
  });
});

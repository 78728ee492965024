import { chromium, type Page } from "@playwright/test";
import type postgres from "postgres";
import { DEMO_USERS } from "../../db/seed";
import { startBenchApp } from "./app-server";
import { signIn } from "./load";
import { percentile, round } from "./stats";

export interface PageFigure {
  name: string;
  n: number;
  median_ms: number;
  p95_ms: number;
  /** The goal at 1 000 000 contacts on a quiet machine (issue #21). */
  goal_p95_ms: number;
}

const GOALS = { "pages.list": 500, "pages.search": 300, "pages.profile": 300 } as const;
type Name = keyof typeof GOALS;

/**
 * The list page is loaded: rows (or an empty state) in the results region (RESULTS_ID), other than
 * those marked `marker` (the results before a search); the segment tabs, streamed in with their
 * counts; the search box hydrated (React has attached its fiber). Polled every frame in the page.
 */
async function listLoaded(page: Page, marker = ""): Promise<void> {
  await page.waitForFunction(
    (marker) => {
      const results = document.getElementById("contact-results");
      const first = results?.querySelector("tbody tr, h2, h3");
      const search = document.getElementById("contact-search");
      const hydrated = Boolean(search && Object.keys(search).some((k) => k.startsWith("__reactFiber")));
      return Boolean(first && first.getAttribute("data-bench") !== marker && document.querySelector('nav[aria-label="Segments"]') && hydrated);
    },
    marker || "none",
    { polling: "raf", timeout: 60_000 },
  );
}

/**
 * `--only pages`: Chromium (Playwright, /usr/bin/chromium) against the built app on the bench
 * database, signed in as the demo admin, timing what a person waits for: the list page from
 * navigation to a hydrated table with its counts; a search's results from the last keystroke (the
 * search box waits 300 ms for more typing first); a profile opened from the list, from the click to
 * its hydrated page. Two warm-up rounds are not counted.
 */
export async function benchPages(url: string, sql: postgres.Sql, options: { runs: number; log: (m: string) => void }): Promise<PageFigure[]> {
  const { log } = options;
  const words = (await sql<{ w: string }[]>`
    select distinct lower(left(last_name, 4)) w from contacts where contact_key like 'B-%' and trashed_at is null and length(last_name) >= 4 limit 200`).map((r) => r.w);
  if (words.length === 0) throw new Error("No bench contacts to search for: seed first");
  const app = await startBenchApp(url, "pages bench");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const times: Record<Name, number[]> = { "pages.list": [], "pages.search": [], "pages.profile": [] };
  try {
    const cookie = await signIn(app.base, DEMO_USERS.find((u) => u.role === "admin")!.email);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { hostname } = new URL(app.base);
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: "/" };
      }),
    );
    const page = await context.newPage();
    const warmUp = 2;
    for (let i = 0; i < options.runs + warmUp; i++) {
      const keep = i >= warmUp;
      // The list page: navigation to a hydrated table with its counts.
      let t = performance.now();
      await page.goto(`${app.base}/contacts?page=${1 + (i % 20)}`, { waitUntil: "commit" });
      await listLoaded(page);
      if (keep) times["pages.list"].push(performance.now() - t);

      // A search: typed into the box; timed from the last keystroke to the new results.
      const word = words[i % words.length]!;
      await page.evaluate(() => document.querySelectorAll("#contact-results tbody tr, #contact-results h2, #contact-results h3").forEach((el) => el.setAttribute("data-bench", "old")));
      await page.locator("#contact-search").click();
      await page.keyboard.type(word);
      t = performance.now();
      await page.waitForFunction((w) => new URL(location.href).searchParams.get("q") === w, word, { polling: "raf", timeout: 60_000 });
      await listLoaded(page, "old");
      if (keep) times["pages.search"].push(performance.now() - t);

      // A profile opened from the list: the click to its hydrated page.
      const link = page.locator('#contact-results a[href^="/contacts/"]').first();
      if ((await link.count()) === 0) continue;
      const href = (await link.getAttribute("href"))!;
      t = performance.now();
      await link.click();
      await page.waitForFunction(
        (href) => {
          // The profile's Attributes card's Edit button, hydrated: the page answers clicks.
          const edit = document.querySelector('section[aria-labelledby="attributes-heading"] button');
          return location.pathname === href && Boolean(document.querySelector("h1")) && Boolean(edit && Object.keys(edit).some((k) => k.startsWith("__reactFiber")));
        },
        href,
        { polling: "raf", timeout: 60_000 },
      );
      if (keep) times["pages.profile"].push(performance.now() - t);
      if ((i + 1) % 10 === 0) log(`pages: ${i + 1 - warmUp} of ${options.runs} rounds`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  return (Object.keys(GOALS) as Name[]).map((name) => {
    const f = { name, n: times[name].length, median_ms: round(percentile(times[name], 50)), p95_ms: round(percentile(times[name], 95)), goal_p95_ms: GOALS[name] };
    log(`${name}: median ${f.median_ms} ms, p95 ${f.p95_ms} ms (goal p95 ≤ ${f.goal_p95_ms} ms at 1M)`);
    return f;
  });
}

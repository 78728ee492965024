import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { serverEnv, throwawaySecrets } from "./scripts/lib/server-options";

const port = Number(process.env.E2E_PORT ?? 3100);
/** Set to test an app that is already running (the smoke run); otherwise Playwright starts `next start`. */
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://localhost:${port}`;

// Debian's Chromium where installed (Playwright cannot download its own browser on these machines).
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // Two cores run the app, PostgreSQL, two browsers and the build's leftovers: a test that takes 15 s
  // alone took 30–35 s when the machine was busy. Limits for a stuck test, not a speed check.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON ?? "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "ui", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"] } },
    { name: "smoke", testMatch: /smoke\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    // `npm test -- --only cluster` (scripts/test.ts): the journeys of "ui" through a load balancer, then
    // what only several instances show, then the instance kills (which leave the cluster smaller) last.
    {
      name: "cluster-journeys",
      testMatch: /ui\/(auth|contacts-list|profile|merge|import|bulk)\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
    },
    { name: "cluster", testMatch: /cluster\/journeys\.spec\.ts/, dependencies: ["cluster-journeys"], use: { ...devices["Desktop Chrome"] } },
    { name: "cluster-takeover", testMatch: /cluster\/takeover\.spec\.ts/, dependencies: ["cluster"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: external
    ? undefined
    : {
        command: `node_modules/.bin/next start -p ${port}`,
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          NODE_OPTIONS: serverEnv(process.env).NODE_OPTIONS ?? "",
          NEXTAUTH_URL: baseURL,
          // The same every run, so that a session saved by the setup project stays valid.
          ...throwawaySecrets("e2e"),
          // The webhook test's receiver listens on this machine (lib/webhooks/target-guard.ts).
          SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS: "allow",
        },
      },
});

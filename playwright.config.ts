import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/fixtures/browser.ts";

// One worker: every test shares the global setup's chain and reverts it to a snapshot afterwards.
// Each run gets its own id (inherited by the workers through the environment) and so its own
// output and build folders: two runs in one checkout do not delete each other's files.
process.env.FEDPAY_E2E_RUN ??= `run-${Date.now()}-${process.pid}`;
export default defineConfig({
  testDir: "e2e",
  testMatch: ["*.spec.ts", "journeys/**/*.spec.ts"],
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `test-results/e2e/${process.env.FEDPAY_E2E_RUN}`,
  reporter: process.env.CI
    ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]]
    : "list",
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1400, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});

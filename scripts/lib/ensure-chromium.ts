// Makes sure the browser tests have a Chromium, the way the platform allows, and says what it did:
// Debian's /usr/bin/chromium (or CHROMIUM_PATH) → Playwright's own, if already downloaded →
// apt-get install chromium (root on Debian, where Playwright cannot download) → npx playwright install.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { systemChromiumPath } from "../../e2e/fixtures/browser.ts";
import { binDir } from "./paths.ts";
import { run } from "./run.ts";

function hasAptGet(): boolean {
  return ["/usr/bin/apt-get", "/bin/apt-get"].some((p) => fs.existsSync(p));
}

function playwrightChromium(): string | undefined {
  try {
    const executable = chromium.executablePath();
    return fs.existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/** Returns a sentence saying which Chromium the tests use and how it got there; throws if none. */
export async function ensureChromium(): Promise<string> {
  const system = systemChromiumPath();
  if (system) return `using the system Chromium at ${system}`;
  const bundled = playwrightChromium();
  if (bundled) return `using Playwright's Chromium at ${bundled}`;

  const attempts: string[] = [];
  if (process.getuid?.() === 0 && hasAptGet()) {
    console.log(
      "No Chromium found: installing Debian's chromium package (apt-get update && apt-get install -y chromium)",
    );
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    const update = await run("apt-get", ["update"], { env, echo: true });
    const install =
      update.code === 0 ? await run("apt-get", ["install", "-y", "chromium"], { env, echo: true }) : update;
    const installed = systemChromiumPath();
    if (install.code === 0 && installed) return `installed Debian's chromium with apt-get (${installed})`;
    attempts.push(`apt-get install chromium failed (exit ${install.code})`);
  }
  console.log("No Chromium found: downloading Playwright's (npx playwright install chromium)");
  const download = await run(path.join(binDir, "playwright"), ["install", "chromium"], { echo: true });
  const downloaded = playwrightChromium();
  if (download.code === 0 && downloaded) return `downloaded Playwright's Chromium (${downloaded})`;
  attempts.push(`playwright install chromium failed (exit ${download.code})`);
  throw new Error(
    `No Chromium for the browser tests: ${attempts.join("; ")}. Install chromium and set CHROMIUM_PATH.`,
  );
}

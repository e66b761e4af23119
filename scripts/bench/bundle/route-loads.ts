// What a browser downloads opening each route of the app directly (a deep link, nothing cached):
// the production build served by vite preview, opened in Chromium, every script it fetched until
// none followed for a while. Requests to the chain are refused: with no data the pages load exactly
// the code they need to show themselves. Each script's gzip size is then read from the build.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../../../e2e/fixtures/browser.ts";
import { serveBuild } from "../dashboard/app.ts";
import { repoRoot } from "../../lib/paths.ts";

/** A route is loaded once no script was requested for this long. */
const QUIET_MS = 1_500;
const MAX_WAIT_MS = 15_000;
/** What stands for `:id` and other parameters in a route. */
const SAMPLE_JOB_ID = "0x0123456789abcdef0123456789abcdef";

/** The app's routes, as src/app/routes.tsx lists them (`path: "..."`), parameters filled in. */
export function appRoutes(): string[] {
  const source = fs.readFileSync(path.join(repoRoot, "src/app/routes.tsx"), "utf8");
  const paths = [...source.matchAll(/path: "([^"]+)"/g)].map((m) => m[1]!);
  if (paths.length === 0) throw new Error("No routes found in src/app/routes.tsx");
  return paths.map((p) => p.replace(/:\w+/g, SAMPLE_JOB_ID));
}

/** Per route, the build's files (relative to outDir) the browser fetched as scripts. */
export async function scriptsPerRoute(outDir: string, routes: string[]): Promise<Map<string, string[]>> {
  const { baseUrl, close } = await serveBuild(outDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const result = new Map<string, string[]>();
  try {
    for (const route of routes) {
      const context = await browser.newContext();
      await context.route(
        (url) => url.origin !== baseUrl,
        (r) => r.abort(),
      );
      const page = await context.newPage();
      const scripts = new Set<string>();
      let lastScriptAt = Date.now();
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.origin === baseUrl && url.pathname.endsWith(".js")) {
          scripts.add(url.pathname.slice(1));
          lastScriptAt = Date.now();
        }
      });
      const started = Date.now();
      await page.goto(baseUrl + route);
      while (Date.now() - lastScriptAt < QUIET_MS && Date.now() - started < MAX_WAIT_MS)
        await new Promise((r) => setTimeout(r, 100));
      result.set(route, [...scripts]);
      await context.close();
    }
  } finally {
    await browser.close();
    await close();
  }
  return result;
}

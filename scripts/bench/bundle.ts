// `npm run bench:bundle`: builds the app and prints the first-load JavaScript (what index.html loads
// before any page chunk: the entry and its preloaded imports), gzip, against the 300 kB budget
// (docs/rules.md §10); then, per route, all the JavaScript a browser downloads opening that route directly
// (shell + page + what they load at once), measured in Chromium, against the same budget.
// Printed, not asserted; page chunks are listed for reference.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { appRoutes, scriptsPerRoute } from "./bundle/route-loads.ts";
import { repoRoot } from "../lib/paths.ts";

const BUDGET_KB = 300;
const outDir = path.join(repoRoot, "dist");

const gzipKb = (file: string) => gzipSync(fs.readFileSync(path.join(outDir, file))).length / 1024;

await build({ root: repoRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
const firstLoad = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g),
].map((m) => m[1]!);
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);

const jsKb = firstLoad.reduce((sum, file) => sum + gzipKb(file), 0);
const cssKb = css.reduce((sum, file) => sum + gzipKb(file), 0);
console.log("\nFirst load (gzip):");
for (const file of [...firstLoad, ...css])
  console.log(`  ${file.padEnd(48)} ${gzipKb(file).toFixed(1).padStart(7)} kB`);
const pages = fs
  .readdirSync(path.join(outDir, "assets"))
  .filter((f) => /Page-[\w-]+\.js$/.test(f))
  .map((f) => `assets/${f}`);
console.log("Page chunks (gzip, loaded on first visit of the page):");
for (const file of pages) console.log(`  ${file.padEnd(48)} ${gzipKb(file).toFixed(1).padStart(7)} kB`);
console.log(
  `\nFirst-load JavaScript: ${jsKb.toFixed(1)} kB gzip of a ${BUDGET_KB} kB budget ` +
    `(${jsKb <= BUDGET_KB ? "within" : "OVER"} budget); CSS ${cssKb.toFixed(1)} kB`,
);

const perRoute = await scriptsPerRoute(outDir, appRoutes());
console.log("\nOpening each route directly (JavaScript the browser downloads, gzip):");
for (const [route, files] of perRoute) {
  const kb = files.reduce((sum, file) => sum + gzipKb(file), 0);
  const verdict = kb <= BUDGET_KB ? "within" : "OVER";
  console.log(
    `  ${route.padEnd(48)} ${kb.toFixed(1).padStart(7)} kB  ${String(files.length).padStart(3)} files  ${verdict}`,
  );
}

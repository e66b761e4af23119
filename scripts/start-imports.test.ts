// `npm ci && npm start` on a fresh clone: start.ts generates the typed ABIs (src/protocol/generated, git-ignored)
// and only then loads the modules that import them. A static import chain from start.ts to
// src/protocol/generated would crash the first command before it could generate anything (it once did,
// through seed.ts), while every test run, which generates the ABIs first, stayed green.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./lib/paths.ts";

// `import … from "./x.ts"` and `export … from "./x.ts"`, except `import type` (erased at run time).
// Dynamic `await import()` is what start.ts uses on purpose, so it is not followed.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/gm;

function staticImportsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(STATIC_IMPORT)].map((m) => path.resolve(path.dirname(file), m[1]));
}

/** Every module start.ts loads before it runs, as paths relative to the repo. */
function loadedBeforeStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    const relative = path.relative(repoRoot, file);
    if (seen.has(relative)) continue;
    seen.add(relative);
    if (fs.existsSync(file)) pending.push(...staticImportsOf(file));
  }
  return seen;
}

describe("npm start on a fresh clone", () => {
  it("loads nothing generated before it has generated it", () => {
    const loaded = [...loadedBeforeStart(path.join(repoRoot, "scripts/start.ts"))];
    expect(loaded).toContain(path.join("scripts", "lib", "local-chain.ts"));
    expect(loaded.filter((f) => f.startsWith(path.join("src", "protocol", "generated")))).toEqual([]);
  });
});

// @vitest-environment node
// The index key covers what the handlers run: a change to any of these files starts a new index.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../settings.ts";
import { codeFiles } from "../spawn.ts";

describe("the index key's files", () => {
  const files = codeFiles().map((f) => path.relative(repoRoot, f));

  it("are the indexer's own files and what they import from the repository", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "src/services/indexer/ponder.config.ts",
        "src/services/indexer/ponder.schema.ts",
        "src/services/indexer/src/index.ts",
        "src/services/indexer/handlers/jobs.ts",
        "src/protocol/generated/abis.ts",
        "src/protocol/enums.ts",
        "src/protocol/money/price.ts",
      ]),
    );
  });

  it("leave out the tests and what Ponder writes", () => {
    expect(
      files.filter(
        (f) => f.includes("/testing/") || f.includes("/generated/schema") || f.includes(".ponder"),
      ),
    ).toEqual([]);
    expect(files.every((f) => !f.startsWith("node_modules"))).toBe(true);
  });
});

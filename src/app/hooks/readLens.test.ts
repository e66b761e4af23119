import { describe, expect, it } from "vitest";
import { pagesNewestFirst } from "./readLens.ts";

describe("lens pages", () => {
  it("covers every entry once, newest page first and full", () => {
    expect(pagesNewestFirst(450, 200)).toEqual([
      { offset: 250, limit: 200 },
      { offset: 50, limit: 200 },
      { offset: 0, limit: 50 },
    ]);
    expect(pagesNewestFirst(0, 200)).toEqual([]);
  });
});

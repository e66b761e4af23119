import { afterEach, describe, expect, it, vi } from "vitest";
import { EARLY_READ_MAX_AGE_MS, startEarlyRead, takeEarlyRead } from "./earlyRead.ts";

afterEach(() => vi.useRealTimers());

describe("early reads", () => {
  it("hands a started read to the first take only", async () => {
    const read = vi.fn(() => Promise.resolve(42));
    startEarlyRead("a", read);
    startEarlyRead("a", read);
    expect(read).toHaveBeenCalledTimes(1);
    await expect(takeEarlyRead<number>("a")).resolves.toBe(42);
    expect(takeEarlyRead("a")).toBeUndefined();
  });

  it("passes on the partial result already in, then the ones that follow", async () => {
    let report: (partial: string) => void = () => undefined;
    let finish: (value: string) => void = () => undefined;
    startEarlyRead<string, string>("b", (onPartial) => {
      report = onPartial;
      onPartial("first page");
      return new Promise((resolve) => (finish = resolve));
    });
    const seen: string[] = [];
    const taken = takeEarlyRead<string, string>("b", (partial) => seen.push(partial));
    report("two pages");
    finish("all");
    await expect(taken).resolves.toBe("all");
    expect(seen).toEqual(["first page", "two pages"]);
  });

  it("drops a read nobody took in time", () => {
    vi.useFakeTimers();
    startEarlyRead("c", () => Promise.resolve(1));
    vi.advanceTimersByTime(EARLY_READ_MAX_AGE_MS + 1);
    expect(takeEarlyRead("c")).toBeUndefined();
  });
});

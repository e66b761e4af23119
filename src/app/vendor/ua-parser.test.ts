import { describe, expect, it } from "vitest";
import { UAParser, osNameOf } from "./ua-parser.ts";

describe("the ua-parser-js stand-in", () => {
  it("names the desktop systems RainbowKit picks download links for", () => {
    expect(osNameOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0")).toBe("Windows");
    expect(osNameOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15")).toBe("macOS");
    expect(osNameOf("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0")).toBe("Linux");
  });

  it("names no desktop system on phones", () => {
    expect(osNameOf("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120.0 Mobile")).toBeUndefined();
    expect(osNameOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1")).toBeUndefined();
    expect(UAParser("Mozilla/5.0 (X11; Linux x86_64)").os.name).toBe("Linux");
  });
});

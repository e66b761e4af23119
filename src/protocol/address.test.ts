import { describe, expect, it } from "vitest";
import { firstDuplicate, parseAddress, sameAddress } from "./address.ts";

const CHECKSUMMED = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("parseAddress", () => {
  it("accepts a checksummed address and lower case, returning the checksum", () => {
    expect(parseAddress(CHECKSUMMED)).toEqual({ ok: true, value: CHECKSUMMED });
    expect(parseAddress(CHECKSUMMED.toLowerCase())).toEqual({ ok: true, value: CHECKSUMMED });
  });

  it("catches a typo in a mixed-case address through its checksum", () => {
    const typo = CHECKSUMMED.replace("C51812", "c51812");
    expect(parseAddress(typo)).toMatchObject({ ok: false, error: expect.stringContaining("checksum") });
  });

  it("refuses non-addresses and the zero address", () => {
    expect(parseAddress("0x1234").ok).toBe(false);
    expect(parseAddress("").ok).toBe(false);
    expect(parseAddress(`0x${"0".repeat(40)}`).ok).toBe(false);
  });
});

describe("address helpers", () => {
  it("compares case-insensitively and finds duplicates", () => {
    expect(sameAddress(CHECKSUMMED, CHECKSUMMED.toLowerCase())).toBe(true);
    expect(sameAddress(undefined, CHECKSUMMED)).toBe(false);
    expect(firstDuplicate(["0xAa", "0xbb", "0xaa"])).toBe("0xaa");
    expect(firstDuplicate(["0xaa", "0xbb"])).toBeUndefined();
  });
});

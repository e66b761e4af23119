import { describe, expect, it } from "vitest";
import { jobIdFromUuid, newJobId, parseJobId, uuidOfJobId } from "./jobId.ts";

const UUID = "123e4567-e89b-42d3-a456-426614174000";
const ID = "0x123e4567e89b42d3a456426614174000";

describe("job ids", () => {
  it("converts a UUID to bytes16 and back", () => {
    expect(jobIdFromUuid(UUID)).toBe(ID);
    expect(uuidOfJobId(ID)).toBe(UUID);
  });

  it("makes fresh ids from the browser's random UUIDs", () => {
    expect(newJobId(() => UUID)).toBe(ID);
    const a = newJobId();
    expect(a).toMatch(/^0x[0-9a-f]{32}$/);
    expect(newJobId()).not.toBe(a);
  });

  it("parses either form and refuses anything else", () => {
    expect(parseJobId(UUID)).toEqual({ ok: true, value: ID });
    expect(parseJobId(ID.toUpperCase().replace("0X", "0x"))).toEqual({ ok: true, value: ID });
    expect(parseJobId("0x1234").ok).toBe(false);
    expect(parseJobId(`0x${"0".repeat(32)}`).ok).toBe(false);
  });
});

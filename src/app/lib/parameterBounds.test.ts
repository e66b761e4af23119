import { describe, expect, it } from "vitest";
import { parameterFormOf, parseParameterForm, sameParameters } from "./parameterBounds.ts";
import { marketParameters } from "../../protocol/testing/viewData.ts";

const defaults = marketParameters();

describe("parameter bounds (ParameterRules.check)", () => {
  it("round-trips the current parameters", () => {
    const parsed = parseParameterForm(parameterFormOf(defaults, 18), 18);
    expect(parsed).toEqual({ ok: true, value: defaults });
    expect(parsed.ok && sameParameters(parsed.value, defaults)).toBe(true);
  });

  it("refuses what the contract would refuse", () => {
    const form = parameterFormOf(defaults, 18);
    expect(parseParameterForm({ ...form, gdsFeeBps: "10001" }, 18)).toEqual({
      ok: false,
      error: "GDS fee must be between 0 and 10000.",
    });
    expect(parseParameterForm({ ...form, timeoutBlocks: "0" }, 18).ok).toBe(false);
    expect(parseParameterForm({ ...form, maxDosPerJob: "501" }, 18).ok).toBe(false);
    expect(parseParameterForm({ ...form, horizontalShares: ["1250", "3750", "4999"] }, 18)).toEqual({
      ok: false,
      error: "Horizontal shares add up to 9999; they must add up to 10000.",
    });
    expect(parseParameterForm({ ...form, minStake: "-1" }, 18).ok).toBe(false);
  });

  it("accepts the edges the contract accepts", () => {
    const form = parameterFormOf(defaults, 18);
    const edge = parseParameterForm(
      {
        ...form,
        abortGraceBlocks: "0",
        gdsFeeBps: "0",
        maxMpcReplacements: "0",
        minStake: "2.5",
      },
      18,
    );
    expect(edge.ok && edge.value.minStake).toBe(25n * 10n ** 17n);
  });

  it("reads the minimum stake in the asset's decimals", () => {
    const form = parameterFormOf({ ...defaults, minStake: 2_500_000n }, 6);
    expect(form.minStake).toBe("2.5");
    const parsed = parseParameterForm(form, 6);
    expect(parsed.ok && parsed.value.minStake).toBe(2_500_000n);
    expect(parseParameterForm({ ...form, minStake: "0.0000001" }, 6)).toEqual({
      ok: false,
      error: "Minimum stake: At most 6 decimals.",
    });
  });
});

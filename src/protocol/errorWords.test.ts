import { type Abi, type AbiParameter, decodeErrorResult, encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { jobMarketAbi } from "./generated/abis.ts";
import { errorWords, wordsForError } from "./errorWords.ts";

type AbiError = Extract<Abi[number], { type: "error" }>;

const abiErrors = jobMarketAbi.filter(
  (item): item is AbiError & (typeof jobMarketAbi)[number] => item.type === "error",
);

/** A plausible value for each ABI type, so every sentence is rendered with real arguments. */
function sample(param: AbiParameter): unknown {
  if (param.type === "address") return "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  // viem decodes integers of up to 48 bits as numbers, wider ones as bigints.
  if (param.type.startsWith("uint")) return Number(param.type.slice(4)) <= 48 ? 3 : 3n * 10n ** 18n;
  if (param.type.startsWith("int")) return -1n;
  if (param.type === "bytes16") return "0x123e4567e89b42d3a456426614174000";
  if (param.type === "bytes32") return `0x${"ab".repeat(32)}`;
  if (param.type === "bool") return true;
  if (param.type === "string") return "text";
  return "0x";
}

describe("error words", () => {
  it("the ABI has the market's errors", () => {
    expect(abiErrors.length).toBeGreaterThan(40);
  });

  it.each(abiErrors.map((e) => [e.name, e] as const))(
    "%s has words, rendered with its arguments",
    (name, error) => {
      expect(errorWords[name], `${name} has no entry in errorWords`).toBeTypeOf("function");
      // Round-trip through the ABI so the sentence gets exactly what viem decodes from a revert.
      const data = encodeErrorResult({
        abi: [error],
        errorName: name,
        args: error.inputs.map(sample),
      } as never);
      const { args } = decodeErrorResult({ abi: [error], data });
      const sentence = wordsForError(name, args ?? []);
      expect(sentence).toMatch(/^[A-Z0-9`"'(]/);
      expect(sentence).toMatch(/[.!?]$/);
      expect(sentence).not.toContain("undefined");
      expect(sentence).not.toContain("NaN");
    },
  );

  it("says the specific values", () => {
    expect(
      wordsForError("JobMarketInsufficientFreeStake", [
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        5n * 10n ** 17n,
        10n ** 19n,
      ]),
    ).toBe("0x7099…79C8 has only 0.5 ETH of free stake; the job needs 10 ETH as collateral.");
    expect(wordsForError("JobMarketWrongState", ["0x123e4567e89b42d3a456426614174000", 4])).toBe(
      "The job 123e4567 is Completed: this is not allowed in that state.",
    );
  });

  it("still says something for an error it does not know", () => {
    expect(wordsForError("SomethingNew", [1n])).toBe(
      "The contract refused the transaction (SomethingNew: 1).",
    );
  });
});

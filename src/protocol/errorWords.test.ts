import { type Abi, type AbiParameter, decodeErrorResult, encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { jobMarketAbi } from "./generated/abis.ts";
import { errorWords, wordsForError } from "./errorWords.ts";
import { demoTokenAbi, erc20ErrorsAbi } from "./tokenAbi.ts";

const ether = { decimals: 18, symbol: "ETH" };
const fdUsd = { decimals: 6, symbol: "fdUSD" };

type AbiError = Extract<Abi[number], { type: "error" }>;

const abiErrors = [...jobMarketAbi, ...erc20ErrorsAbi, ...demoTokenAbi].filter(
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
      const sentence = wordsForError(name, args ?? [], ether);
      expect(sentence).toMatch(/^[A-Z0-9`"'(]/);
      expect(sentence).toMatch(/[.!?]$/);
      expect(sentence).not.toContain("undefined");
      expect(sentence).not.toContain("NaN");
    },
  );

  it("says the specific values", () => {
    expect(
      wordsForError(
        "JobMarketInsufficientFreeStake",
        ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 5n * 10n ** 17n, 10n ** 19n],
        ether,
      ),
    ).toBe("0x7099…79C8 has only 0.5 ETH of free stake; the job needs 10 ETH as collateral.");
    expect(wordsForError("JobMarketWrongState", ["0x123e4567e89b42d3a456426614174000", 4], ether)).toBe(
      "The job 123e4567 is Completed: this is not allowed in that state.",
    );
  });

  it("says amounts in the token's own decimals and symbol", () => {
    const qc = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    expect(wordsForError("JobMarketPermitRejected", [qc, 2_500_000n, 1n], fdUsd)).toBe(
      "The token refused 0x7099…79C8's permit for 2.5 fdUSD (wrong signer or amount) and the allowance is only 0.000001 fdUSD: sign again.",
    );
    expect(wordsForError("JobMarketTokenAmountMismatch", [1_000_000n, 990_000n], fdUsd)).toBe(
      "The token moved 0.99 fdUSD where 1 fdUSD was paid: tokens that charge a fee on transfer are refused; nothing was credited.",
    );
    expect(wordsForError("ERC20InsufficientAllowance", [qc, 0n, 12_100_000_000n], fdUsd)).toContain(
      "only 0 fdUSD of the token, less than the 12,100 fdUSD needed",
    );
  });

  it("still says something for an error it does not know", () => {
    expect(wordsForError("SomethingNew", [1n], ether)).toBe(
      "The contract refused the transaction (SomethingNew: 1).",
    );
  });
});

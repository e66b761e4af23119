import { InvalidParamsRpcError, RpcRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { failureReason, runRounds } from "./rounds.ts";

describe("the services' polling loop", () => {
  it("says why a call failed with the node's own words, on one line", () => {
    const node = new RpcRequestError({
      body: { method: "eth_call" },
      url: "http://127.0.0.1:8545",
      error: { code: -32602, message: "BlockOutOfRangeError: block height is 52 but requested was 53" },
    });
    expect(failureReason(new InvalidParamsRpcError(node))).toBe(
      "Invalid parameters were provided to the RPC method.: BlockOutOfRangeError: block height is 52 but requested was 53",
    );
    expect(failureReason(new Error("first\nsecond"))).toBe("first");
    expect(failureReason("plain")).toBe("plain");
  });

  it("retries a failed round, says when the RPC is back, and stops on a fatal error", async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    let calls = 0;
    let back = 0;
    await expect(
      runRounds(
        async () => {
          calls++;
          if (calls === 1) throw new Error("connection refused");
          if (calls === 3) throw new Error("refusing to start: wrong chain");
        },
        stop.signal,
        {
          pollMs: 1,
          backoff: { baseMs: 1, maxMs: 1 },
          log: (line) => lines.push(line),
          lastBlock: () => 7n,
          isFatal: (reason) => reason.startsWith("refusing to start"),
          onBack: () => back++,
        },
      ),
    ).rejects.toThrow("refusing to start");
    expect(calls).toBe(3);
    expect(back).toBe(1);
    expect(lines[0]).toBe("[block 7] RPC round failed (connection refused); retry 1 in 0.0 s");
    expect(lines[1]).toMatch(/^\[block 7\] RPC is back after \d+\.\d s: resuming from the chain's state$/);
  });
});

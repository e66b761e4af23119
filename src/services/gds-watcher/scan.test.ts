// @vitest-environment node
import type { Hex, PublicClient } from "viem";
import { describe, expect, it } from "vitest";
import { MarketScanner } from "./scan.ts";
import { JobState } from "../../protocol/enums.ts";

const MARKET = "0x00000000000000000000000000000000000000aa" as const;
const ids: Hex[] = ["0x000000000000000000000000000000a1", "0x000000000000000000000000000000a2"];

/** A market of two jobs behind readContract, whose first getJob fails like a pruned node does. */
function fakeClient(states: Record<Hex, number>) {
  let failNextGetJob = true;
  const calls: string[] = [];
  const client = {
    async readContract({ functionName, args }: { functionName: string; args: readonly unknown[] }) {
      calls.push(functionName);
      switch (functionName) {
        case "jobCount":
          return BigInt(ids.length);
        case "jobIdAt":
          return ids[Number(args[0])];
        case "getJob": {
          if (failNextGetJob) {
            failNextGetJob = false;
            throw new Error("BlockOutOfRangeError: block height is 11 but requested was 10");
          }
          const id = args[0] as Hex;
          return {
            id,
            state: states[id],
            orderedAt: 1n,
            abortedAt: 0n,
            challengeDeadline: 0n,
            arbitrationDeadline: 0n,
            params: { timeoutBlocks: 20, orderExpiryBlocks: 30, abortGraceBlocks: 5 },
          };
        }
        case "getProgress":
          return [{ account: MARKET, role: 1, lastSeen: 3n, timedOut: true }];
      }
      throw new Error(`unexpected ${functionName}`);
    },
  };
  return { client: client as unknown as PublicClient, calls };
}

describe("MarketScanner", () => {
  it("reads again after a replaced block, without skipping the jobs the failed read had listed", async () => {
    const { client } = fakeClient({ [ids[0]!]: JobState.Dispatched, [ids[1]!]: JobState.Ordered });
    const scanner = new MarketScanner({ client, market: MARKET, readMode: "rpc-batch" });
    const snapshot = await scanner.scan(10n);
    expect(snapshot.jobs.map((j) => [j.id, j.state, j.participants.length])).toEqual([
      [ids[0], JobState.Dispatched, 1],
      [ids[1], JobState.Ordered, 0],
    ]);
    expect(scanner.retriedReads).toBe(1);
  });

  it("stops reading jobs that reached a final state", async () => {
    const { client, calls } = fakeClient({ [ids[0]!]: JobState.Failed, [ids[1]!]: JobState.Ordered });
    const scanner = new MarketScanner({ client, market: MARKET, readMode: "rpc-batch" });
    await scanner.scan(10n);
    calls.length = 0;
    const next = await scanner.scan(11n);
    expect(next.jobs.map((j) => j.id)).toEqual([ids[1]]);
    // One job count and the one open job: the finished job and every id are not read again.
    expect(calls).toEqual(["jobCount", "getJob"]);
  });
});

import { describe, expect, it } from "vitest";
import { encodeAbiParameters, encodeEventTopics, type Hex, parseEventLogs } from "viem";
import { jobMarketAbi } from "../generated/abis.ts";
import { decodedEventOf } from "./rows.ts";

const id = "0x0123456789abcdef0123456789abcdef" as Hex;
const a = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const b = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/** A chain log of `eventName` as viem decodes it, and the row the indexer stores for it. */
function both(eventName: string, indexed: unknown[], data: { types: string[]; values: unknown[] }) {
  const topics = encodeEventTopics({ abi: jobMarketAbi, eventName, args: indexed } as never);
  const encoded = encodeAbiParameters(
    data.types.map((type) => ({ type })),
    data.values as never,
  );
  const [log] = parseEventLogs({
    abi: jobMarketAbi,
    logs: [
      {
        address: a,
        topics,
        data: encoded,
        blockNumber: 7n,
        logIndex: 3,
        transactionHash: `0x${"ab".repeat(32)}`,
        blockHash: `0x${"cd".repeat(32)}`,
        transactionIndex: 0,
        removed: false,
      },
    ] as never,
  });
  // What Ponder stores: bigints as decimal strings, addresses lowercase (JSON).
  const stored = JSON.parse(
    JSON.stringify(log!.args, (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : typeof v === "string" ? v.toLowerCase() : v,
    ),
  ) as Record<string, unknown>;
  const row = {
    id: "0001",
    name: eventName,
    jobId: null,
    account: null,
    blockNumber: "7",
    logIndex: 3,
    txHash: `0x${"ab".repeat(32)}`,
    timestamp: "1",
    args: stored,
  };
  return { log: log!, decoded: decodedEventOf(row) };
}

describe("decodedEventOf", () => {
  it("gives back viem's decoding: wide integers as bigint, narrow as number, addresses checksummed", () => {
    const { log, decoded } = both("Refund", [id], {
      types: ["address[]", "uint256[]"],
      values: [
        [a, b],
        [12345678901234567890n, 1n],
      ],
    });
    expect(decoded.args).toEqual(log.args);
    expect(decoded.blockNumber).toBe(7n);
    expect(decoded.eventName).toBe("Refund");
  });

  it("decodes tuples and small enums", () => {
    const { log, decoded } = both("JobStatusUpdated", [id, a], {
      types: ["uint8", "uint32", "uint32", "uint8"],
      values: [2, 4294967295, 3, 1],
    });
    expect(decoded.args).toEqual(log.args);
    const fined = both("Fined", [id, b], { types: ["uint256", "uint8"], values: [500n, 2] });
    expect(fined.decoded.args).toEqual(fined.log.args);
  });
});

// Real, ABI-encoded market logs for tests: encoded then decoded exactly as fetchLogs does.
import { encodeAbiParameters, encodeEventTopics, parseEventLogs, type Hex } from "viem";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import type { MarketEventName, MarketLog } from "./marketLogs.ts";

const ZERO32: Hex = `0x${"0".repeat(64)}`;

export function marketLog(
  eventName: MarketEventName,
  args: Record<string, unknown>,
  blockNumber = 1n,
  logIndex = 0,
): MarketLog {
  const event = jobMarketAbi.find((item) => item.type === "event" && item.name === eventName);
  if (!event || event.type !== "event") throw new Error(`No event ${eventName}`);
  const topics = encodeEventTopics({ abi: [event], eventName, args } as never);
  const data = event.inputs.filter((i) => !i.indexed);
  const encoded = encodeAbiParameters(data, data.map((i) => args[i.name!]) as never);
  const [log] = parseEventLogs({
    abi: jobMarketAbi,
    logs: [
      {
        address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        topics: topics as [Hex, ...Hex[]],
        data: encoded,
        blockNumber,
        logIndex,
        blockHash: ZERO32,
        transactionHash: ZERO32,
        transactionIndex: 0,
        removed: false,
      },
    ],
  });
  return log as MarketLog;
}

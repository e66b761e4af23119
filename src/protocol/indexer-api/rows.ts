// The indexer's rows in the shapes the callers already use: a `market_event` row back into the
// decoded log viem's parseEventLogs gives for the same chain log (same event name, same argument
// types: bigint for wide integers, number for narrow ones, checksummed addresses), so a page shows
// a log the same whichever source it came from.
import { type AbiParameter, getAddress, type Hex } from "viem";
import { jobMarketAbi } from "../generated/abis.ts";

/** A market_event row as the GraphQL API returns it (see EVENT_FIELDS in documents.ts). */
export interface MarketEventRow {
  id: string;
  name: string;
  jobId: string | null;
  account: string | null;
  blockNumber: string;
  logIndex: number;
  txHash: string;
  timestamp: string;
  args: Record<string, unknown>;
}

/** The fields of a decoded log that the app reads, typed loosely here (the app narrows them). */
export interface DecodedEvent {
  eventName: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
  /** Ponder's checkpoint: ordering by it is chain order. */
  checkpoint: string;
}

const eventInputs = new Map<string, readonly AbiParameter[]>(
  jobMarketAbi.flatMap((item) => (item.type === "event" ? [[item.name, item.inputs] as const] : [])),
);

/** viem decodes integers up to 48 bits as numbers, wider ones as bigints. */
function isWideInteger(type: string): boolean {
  const match = /^u?int(\d*)$/.exec(type);
  if (!match) return false;
  const bits = match[1] ? Number(match[1]) : 256;
  return bits > 48;
}

function valueOf(parameter: AbiParameter, value: unknown): unknown {
  const { type } = parameter;
  if (type.endsWith("]")) {
    const inner = { ...parameter, type: type.slice(0, type.lastIndexOf("[")) };
    return (value as unknown[]).map((v) => valueOf(inner, v));
  }
  if (type === "tuple") {
    const components = (parameter as { components: readonly AbiParameter[] }).components;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(components.map((c) => [c.name!, valueOf(c, record[c.name!])]));
  }
  if (type === "address") return getAddress(value as string);
  if (isWideInteger(type)) return BigInt(value as string | number);
  if (/^u?int/.test(type)) return Number(value);
  return value;
}

/** A market_event row as the decoded log of the same chain log. */
export function decodedEventOf(row: MarketEventRow): DecodedEvent {
  const inputs = eventInputs.get(row.name);
  if (!inputs) throw new Error(`The indexer returned an event the ABI does not have: ${row.name}`);
  const args = Object.fromEntries(
    inputs.map((input) => [input.name!, valueOf(input, row.args[input.name!])]),
  );
  return {
    eventName: row.name,
    args,
    blockNumber: BigInt(row.blockNumber),
    logIndex: row.logIndex,
    transactionHash: row.txHash as Hex,
    checkpoint: row.id,
  };
}

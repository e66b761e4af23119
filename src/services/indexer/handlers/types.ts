// What every projection of an event gets: the indexing store, and the market-wide changes it makes,
// which totals.ts then applies to the market's row and the day's row in one place.
import type { Context, Event } from "ponder:registry";
import type { Address, ContractEventName } from "viem";
import type { jobMarketAbi } from "../abi.ts";

export type MarketEventName = ContractEventName<typeof jobMarketAbi>;
export type MarketEvent<N extends MarketEventName = MarketEventName> = Event<`JobMarket:${N}`>;
export type Db = Context["db"];

/**
 * The market's money totals (columns of `market`, one Flows delta each): escrow and collateral held
 * now, and what ever flowed in and out. A new total is one more name here and a column.
 */
export const MONEY_TOTALS = [
  "escrow",
  "collateralLocked",
  "bonds",
  "paidIn",
  "fined",
  "rewarded",
  "refunded",
  "deposited",
  "withdrawn",
] as const;
export type MoneyTotals = Record<(typeof MONEY_TOTALS)[number], bigint>;

export function noMoney(): MoneyTotals {
  return Object.fromEntries(MONEY_TOTALS.map((name) => [name, 0n])) as MoneyTotals;
}

/** The market-wide effect of one event: money deltas, counts, and a job changing state. */
export interface Flows extends MoneyTotals {
  /** A job moved from state `from` (0 for a new job) to state `to`. */
  stateMove?: { from: number; to: number };
  jobsOrdered: number;
  jobsSettled: number;
  nodes: number;
  heartbeats: number;
  statusUpdates: number;
  judgements: number;
  /** A node that showed life (heartbeat, registration, status update). */
  activeNode?: Address;
}

export function noFlows(): Flows {
  return {
    ...noMoney(),
    jobsOrdered: 0,
    jobsSettled: 0,
    nodes: 0,
    heartbeats: 0,
    statusUpdates: 0,
    judgements: 0,
  };
}

export interface ProjectionContext {
  db: Db;
  flows: Flows;
  /** The market's address (the event's emitter): the key of its `market` row. */
  market: Address;
}

export type Projection<N extends MarketEventName> = (
  event: MarketEvent<N>,
  ctx: ProjectionContext,
) => Promise<void>;

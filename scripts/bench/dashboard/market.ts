// The benchmark's chain: the watcher's market fixture (own anvil, the project's deploy script, nodes
// registered) filled with 1,000 dispatched jobs by its bulk seeder, and the events that makes.
import type { Address, Hex } from "viem";
import { seedDispatchedJobs } from "../../../src/services/gds-watcher/testing/bulk-jobs.ts";
import {
  dos,
  type JobSpec,
  type MarketFixture,
  mpcs,
  startMarket,
} from "../../../src/services/shared/testing/market-fixture.ts";

/**
 * Five DOs and two MPCs per job: placing, paying and assigning one emits 11 market events
 * (JobOrdered, 7 × CollateralLocked, QuerySubmitted, MpcsAssigned, JobDispatched), so 1,000 jobs
 * make 11,000. Tiny prices, so ten ETH of stake covers a thousand collaterals.
 */
export const BUSY_JOB_SPEC: JobSpec = {
  jobDos: dos,
  doPrices: dos.map((_, i) => BigInt(1_000 * (i + 1))),
  jobMpcs: mpcs.slice(0, 2),
  mpcPrice: 500n,
};

export interface BusyMarket {
  fixture: MarketFixture;
  /** The proxy's deployment block (its initializer's ParametersUpdated), where the app scans from. */
  deployBlock: bigint;
}

export async function startEmptyMarket(): Promise<BusyMarket> {
  const fixture = await startMarket();
  const first = await fixture.rpc<{ blockNumber: Hex }[]>("eth_getLogs", [
    { address: fixture.market, fromBlock: "0x0", toBlock: "latest" },
  ]);
  if (!first[0]) throw new Error("The deployed market has no events: not initialized?");
  return { fixture, deployBlock: BigInt(first[0].blockNumber) };
}

export function seedBusyJobs(market: BusyMarket, count: number): Promise<Hex[]> {
  return seedDispatchedJobs(market.fixture, BUSY_JOB_SPEC, count);
}

/** How many events the market has emitted (one eth_getLogs over its whole life). */
export async function countEvents({ fixture, deployBlock }: BusyMarket): Promise<number> {
  const logs = await fixture.rpc<unknown[]>("eth_getLogs", [
    { address: fixture.market as Address, fromBlock: `0x${deployBlock.toString(16)}`, toBlock: "latest" },
  ]);
  return logs.length;
}

// The market's running totals and the per-day rows the dashboard's charts read: after every event,
// its flows are added to the market's row, and the day's row takes the new totals (end-of-day
// values) and adds the day's flows. A node's first sign of life in a day counts it active that day.
import { dailyStat, market, nodeDay } from "ponder:schema";
import type { Address } from "viem";
import { type Db, type Flows, type MarketEvent, MONEY_TOTALS, type MoneyTotals, noMoney } from "./types.ts";

const SECONDS_PER_DAY = 86_400n;
/** JobState values 0..8 (release 2's Judged and Challenged included): one counter each. */
const STATE_COUNT = 9;

export function dayOf(timestamp: bigint): number {
  return Number(timestamp / SECONDS_PER_DAY);
}

function movedStates(counts: readonly number[], move: Flows["stateMove"]): number[] {
  const next = Array.from({ length: STATE_COUNT }, (_, i) => counts[i] ?? 0);
  if (!move) return next;
  if (move.from > 0) next[move.from]! -= 1;
  next[move.to]! += 1;
  return next;
}

/** The market's row, created at its first event. */
export async function marketRow(db: Db, address: Address) {
  return (
    (await db.find(market, { address })) ??
    (await db.insert(market).values({
      address,
      parameters: {},
      trustParameters: {},
      paused: false,
      jobsByState: Array<number>(STATE_COUNT).fill(0),
      jobs: 0,
      nodes: 0,
      events: 0,
      ...noMoney(),
      lastBlock: 0n,
    }))
  );
}

async function countActiveNode(db: Db, day: number, account: Address, flows: Flows): Promise<boolean> {
  const existing = await db.find(nodeDay, { day, account });
  const heartbeats = flows.heartbeats;
  const statusUpdates = flows.statusUpdates;
  if (existing) {
    await db.update(nodeDay, { day, account }).set({
      heartbeats: existing.heartbeats + heartbeats,
      statusUpdates: existing.statusUpdates + statusUpdates,
    });
    return false;
  }
  await db.insert(nodeDay).values({ day, account, heartbeats, statusUpdates });
  return true;
}

export async function applyFlows(db: Db, address: Address, event: MarketEvent, flows: Flows): Promise<void> {
  const before = await marketRow(db, address);
  const totals = await db.update(market, { address }).set({
    jobsByState: movedStates(before.jobsByState, flows.stateMove),
    jobs: before.jobs + flows.jobsOrdered,
    nodes: before.nodes + flows.nodes,
    events: before.events + 1,
    ...(Object.fromEntries(MONEY_TOTALS.map((name) => [name, before[name] + flows[name]])) as MoneyTotals),
    lastBlock: event.block.number,
  });

  const day = dayOf(event.block.timestamp);
  const newActive = flows.activeNode ? await countActiveNode(db, day, flows.activeNode, flows) : false;
  const today = await db.find(dailyStat, { day });
  const row = {
    // End-of-day values: the totals after this event.
    jobsByState: totals.jobsByState,
    escrow: totals.escrow,
    collateralLocked: totals.collateralLocked,
    bonds: totals.bonds,
    lastBlock: event.block.number,
    // The day's flows so far, this event's included.
    jobsOrdered: (today?.jobsOrdered ?? 0) + flows.jobsOrdered,
    jobsSettled: (today?.jobsSettled ?? 0) + flows.jobsSettled,
    paidIn: (today?.paidIn ?? 0n) + flows.paidIn,
    fined: (today?.fined ?? 0n) + flows.fined,
    rewarded: (today?.rewarded ?? 0n) + flows.rewarded,
    refunded: (today?.refunded ?? 0n) + flows.refunded,
    events: (today?.events ?? 0) + 1,
    heartbeats: (today?.heartbeats ?? 0) + flows.heartbeats,
    statusUpdates: (today?.statusUpdates ?? 0) + flows.statusUpdates,
    judgements: (today?.judgements ?? 0) + flows.judgements,
    activeNodes: (today?.activeNodes ?? 0) + (newActive ? 1 : 0),
  };
  if (today) await db.update(dailyStat, { day }).set(row);
  else await db.insert(dailyStat).values({ day, ...row });
}

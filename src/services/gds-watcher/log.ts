// The watcher's readable lines: one per action, one status line every few blocks.
import type { Address, Hash, Hex } from "viem";
import { findDevAccount } from "../../protocol/devAccounts.ts";
import { JOB_STATE_NAMES, type WatcherAction } from "./types.ts";

export type LogLine = (line: string) => void;

export function shortHex(value: Hex): string {
  return value.length > 12 ? `${value.slice(0, 10)}…` : value;
}

/** "DO 0xab12…cd34" plus the demo label when it is a dev account ("DO 0x15d3…6A65 (DO 1)"). */
function participantLabel(account: Address, role: number): string {
  const roleName = role === 1 ? "DO" : role === 2 ? "MPC" : `role ${role}`;
  const dev = findDevAccount(account);
  const short = `${account.slice(0, 6)}…${account.slice(-4)}`;
  return `${roleName} ${short}${dev && dev.role !== "spare" ? ` (${dev.label})` : ""}`;
}

/** What the action does and why, without its outcome. */
export function describeAction(action: WatcherAction): string {
  const job = `job ${shortHex(action.jobId)}`;
  switch (action.kind) {
    case "reportFailure": {
      const who = action.offenders
        .map((o) => `${participantLabel(o.account, o.role)} silent since block ${o.lastSeen}`)
        .join(", ");
      return `reportFailure ${job} offenders ${who}; reason HeartbeatTimeout`;
    }
    case "settleAbort":
      return `settleAbort ${job}: a participant reported its own failure at block ${action.abortedAt}`;
    case "cancelJob":
      return `cancelJob ${job}: the order expired at block ${action.expiredAt} without dispatch`;
  }
}

export function formatMined(decidedAt: bigint, action: WatcherAction, hash: Hash, minedAt: bigint): string {
  return `[block ${decidedAt}] ${describeAction(action)} → tx ${hash} (block ${minedAt})`;
}

/** A mined transaction of ours that reverted: why (as far as the chain tells) and what happens next. */
export function formatReverted(
  decidedAt: bigint,
  action: WatcherAction,
  hash: Hash,
  minedAt: bigint,
  why: string,
  stateNow: number | undefined,
  next: string,
): string {
  const state = stateNow === undefined ? "unknown" : (JOB_STATE_NAMES[stateNow] ?? String(stateNow));
  return `[block ${decidedAt}] ${describeAction(action)} → tx ${hash} reverted in block ${minedAt} (${why}; job is now ${state}): ${next}`;
}

export interface StatusFigures {
  blockNumber: bigint;
  jobsByState: Record<string, number>;
  lateParticipants: number;
  inFlight: number;
  /** Jobs given up on after repeated reverts (a person should look). */
  givenUp: number;
  actionsTaken: Record<string, number>;
  scanMs: number;
  scanHttpRequests: number;
  scanRpcCalls: number;
}

export function formatStatus(s: StatusFigures): string {
  const watched = Object.values(s.jobsByState).reduce((a, b) => a + b, 0);
  const states = Object.entries(s.jobsByState)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
  const actions = Object.entries(s.actionsTaken)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  return (
    `[block ${s.blockNumber}] status: watching ${watched} job${watched === 1 ? "" : "s"}` +
    `${states ? ` (${states})` : ""}, ${s.lateParticipants} participant${s.lateParticipants === 1 ? "" : "s"} late, ` +
    `${s.inFlight} tx in flight${s.givenUp > 0 ? `, ${s.givenUp} job${s.givenUp === 1 ? "" : "s"} given up on after repeated reverts` : ""}; actions taken: ${actions || "none"}; ` +
    `this block's scan ${s.scanMs} ms, ${s.scanHttpRequests} HTTP request${s.scanHttpRequests === 1 ? "" : "s"} / ${s.scanRpcCalls} RPC call${s.scanRpcCalls === 1 ? "" : "s"}`
  );
}

// What each of the watcher's actions calls, how its lines read, and which reverts only mean that
// someone else already did it: the watcher's part of the shared sender (src/services/shared/sender.ts).
import type { Address } from "viem";
import { roleName } from "../../protocol/enums.ts";
import { accountLabel, shortHex } from "../shared/log.ts";
import type { ActionRules, MarketCall } from "../shared/sender.ts";
import type { WatcherAction } from "./types.ts";

/**
 * Errors meaning the action no longer applies: the job moved on (another GDS instance, the QC, a
 * node or anyone acted first), the participant came back to life, or a deadline is not yet reached
 * where the watcher thought it was (a block of difference between its scan and the simulation).
 */
export const BENIGN_ERRORS: ReadonlySet<string> = new Set([
  "JobMarketWrongState",
  "JobMarketNotTimedOut",
  "JobMarketGraceNotOver",
  "JobMarketOrderNotExpired",
  // An offender named from the scan is no longer in the job (an MPC replaced in the meantime).
  "JobMarketNotParticipant",
  // A judgement's deadline one block away from where the scan saw it (docs/rules.md §11.7).
  "JobMarketChallengeWindowOpen",
  "JobMarketArbitrationPending",
]);

function callOf(action: WatcherAction): MarketCall {
  switch (action.kind) {
    case "reportFailure":
      return {
        functionName: "reportFailure",
        args: [action.jobId, action.offenders.map((o) => o.account), action.reason],
      };
    case "settleAbort":
      return { functionName: "settleAbort", args: [action.jobId] };
    case "cancelJob":
      // An expired order costs nobody a fine: maxFine 0 (docs/rules.md §11.2).
      return { functionName: "cancelJob", args: [action.jobId, 0n] };
    case "settleJudgement":
      return { functionName: "settleJudgement", args: [action.jobId] };
  }
}

/** "DO 0x15d3…6A65 (DO 1)": the participant's part, its address and its demo label if any. */
function participantLabel(account: Address, role: number): string {
  return `${roleName(role)} ${accountLabel(account)}`;
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
    case "settleJudgement":
      return action.outcome === "upheld"
        ? `settleJudgement ${job}: the challenge window ended at block ${action.deadline} unchallenged (upheld)`
        : `settleJudgement ${job}: the arbiter did not rule before block ${action.deadline} (overturned)`;
  }
}

export const watcherActions: ActionRules<WatcherAction> = {
  call: callOf,
  describe: describeAction,
  benign: BENIGN_ERRORS,
};

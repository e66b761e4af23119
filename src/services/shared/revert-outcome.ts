// What a reverted transaction of ours means and what the sender does next, from what the chain
// says afterwards: the job's state now and whether the same call still fails (a receipt carries no
// revert reason). Pure, so each case is unit-tested without a chain.
import { isSettled } from "../../protocol/enums.ts";

/** Our transactions for one job that may revert (for no benign reason) before it is given up on. */
export const MAX_REVERTS_PER_JOB = 3;

export interface RevertFacts {
  /** The job's state now (undefined: no job, or it could not be read). */
  stateNow: number | undefined;
  /** The error the same call raises now, or undefined when it would succeed now. */
  nowFails: string | undefined;
  /** Errors that only mean the job moved on (the service's ActionRules.benign). */
  benign: ReadonlySet<string>;
  gasUsed: bigint;
  gasLimit: bigint;
  /** Unexplained reverts of this job before this one. */
  earlierReverts: number;
}

export interface RevertOutcome {
  why: string;
  next: string;
  /** Whether it counts towards MAX_REVERTS_PER_JOB. */
  counted: boolean;
  giveUp: boolean;
}

export function revertOutcome(facts: RevertFacts): RevertOutcome {
  const { stateNow, nowFails } = facts;
  if (stateNow !== undefined && isSettled(stateNow)) {
    return {
      why: nowFails ?? "the job is settled",
      next: "no longer applies",
      counted: false,
      giveUp: false,
    };
  }
  if (nowFails && facts.benign.has(nowFails)) {
    return { why: nowFails, next: "the next scan decides again", counted: false, giveUp: false };
  }
  // Nothing on chain explains it (out of gas, a node's quirk) or something unexpected does:
  // trying every block would pay for a revert every block.
  // EIP-150 leaves 1/64 of the gas to the caller of a call that ran out: "all of it" is 63/64.
  const outOfGas = facts.gasUsed * 64n >= facts.gasLimit * 63n ? ": out of gas" : "";
  const why =
    nowFails ?? `it would succeed now; it used ${facts.gasUsed} of its ${facts.gasLimit} gas${outOfGas}`;
  const count = facts.earlierReverts + 1;
  if (count >= MAX_REVERTS_PER_JOB) {
    return {
      why,
      next: `gave up on this job after ${count} reverted transactions: a person should look (restarting the watcher tries again)`,
      counted: true,
      giveUp: true,
    };
  }
  return {
    why,
    next: `the next scan decides again (revert ${count} of at most ${MAX_REVERTS_PER_JOB} for this job)`,
    counted: true,
    giveUp: false,
  };
}

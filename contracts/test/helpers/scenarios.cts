// Table-driven failure scenarios: each case builds a job, makes it fail in its own way and names the
// offenders it expects; the runner settles it and checks the market against the money model's
// settleFailure, to the wei and event by event, after checking the case's numbers stated by hand.
import type { TransactionReceipt } from "viem";
import { expect } from "chai";
import {
  judgementBond,
  settleFailure,
  settleJudgement,
  type Ruling,
  type SettlementOutcome,
} from "../../../src/protocol/money/index.ts";
import { JobState, offenders, type Job, type JobBuilder } from "./jobs.cjs";
import { expectSettlement } from "./settlement.cjs";
import type { Parameters, Wallet, World } from "./world.cjs";

/** How a case makes its job fail: the expected offenders, and the transaction that settles it. */
export interface FailurePlan {
  offenders: [Wallet, number][];
  /** settled by settleAbort: good DOs are owed their fee for the epochs they completed */
  byEpochs?: boolean;
  completedEpochs?: Map<Wallet, number>;
  /** the parameters the job snapshotted (default: the world's) */
  params?: Parameters;
  settle: () => Promise<TransactionReceipt>;
  /** accounts besides the participants, the QC and the GDS whose balances must not move */
  others?: Wallet[];
  /**
   * The job was judged (a NonCompliantResult report): `named`, the participants timed out at the
   * judgement block, and the ruling it settles with. `offenders` is then ignored: the model derives them.
   */
  judged?: { named: Wallet[]; timedOut?: Wallet[]; ruling: "upheld" | Wallet[] };
}

export interface FailureCase {
  name: string;
  /** anything to change before the job is built (e.g. parameters it snapshots) */
  setup?: (w: World) => Promise<void>;
  job: (w: World) => JobBuilder;
  /** the failure, from the dispatched job to just before the settling transaction */
  fail: (w: World, job: Job) => Promise<FailurePlan>;
  /** the amounts stated by hand (the SPEC's or the draft's numbers), checked against the model */
  byHand?: (expected: SettlementOutcome, job: Job, w: World) => void;
}

/** Runs one case on a fresh world; returns the model's outcome it was checked against. */
export async function runFailureCase(w: World, c: FailureCase): Promise<SettlementOutcome> {
  await c.setup?.(w);
  const job = await c.job(w).dispatched();
  const plan = await c.fail(w, job);
  const expected = plan.judged
    ? await judgedOutcome(job, plan)
    : settleFailure(
        job.money(),
        job.members(plan.completedEpochs),
        offenders(...plan.offenders),
        job.failureTerms(plan.byEpochs ?? false, plan.params),
      );
  c.byHand?.(expected, job, w);
  await expectSettlement(job, expected, JobState.Failed, plan.settle, plan.others);
  return expected;
}

/** The model's settlement of a judged job, after checking the bond the market locked against the model's. */
async function judgedOutcome(job: Job, plan: FailurePlan): Promise<SettlementOutcome> {
  const { named, timedOut = [], ruling } = plan.judged!;
  const params = plan.params ?? job.params;
  const k = new Set([...named, ...timedOut]).size;
  const view = await job.view();
  const bond = judgementBond(
    job.collateral,
    params.detectedFineBps,
    named.length,
    k,
    view.params.judgementBondBps,
  );
  expect(view.bond, "the judgement bond").to.equal(bond);
  const { byEpochs: _, ...terms } = job.failureTerms(false, params);
  const facts = {
    named: named.map((n) => n.account.address),
    timedOut: timedOut.map((t) => t.account.address),
    bond,
  };
  const asRuling: Ruling = ruling === "upheld" ? "upheld" : ruling.map((u) => u.account.address);
  return settleJudgement(job.money(), job.members(), facts, asRuling, terms);
}

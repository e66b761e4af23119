// @vitest-environment node
// The watcher settles judgements nobody else settles (docs/rules.md §11.7): a Judged job whose challenge
// window ended unchallenged (upheld), a Challenged one whose arbitration deadline passed unruled
// (overturned, the bond's share forfeited to the challenger). Each settlement exactly the money model's.
import type { Address, Hex } from "viem";
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { movesOf, readSettlement } from "../../../scripts/lib/settlement-oracle.ts";
import { FailureReason, JobState } from "../../protocol/enums.ts";
import { creditOf, fineOfAccount, previewJudgement, type Ruling } from "../../protocol/money/index.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { admin, dispatchJob, gds, type MarketFixture } from "../shared/testing/market-fixture.ts";
import { jobEvents, settledBy, stateOf } from "../shared/testing/job-events.ts";
import { makeWatcher } from "./testing/watcher-harness.ts";
import { spec, useMarket } from "./testing/suite.ts";

const CHALLENGE_WINDOW_BLOCKS = 6;
const ARBITRATION_BLOCKS = 8;

let f: MarketFixture;
useMarket(async (fixture) => {
  f = fixture;
  await f.send(admin, "setTrustParameters", [
    {
      challengeWindowBlocks: CHALLENGE_WINDOW_BLOCKS,
      arbitrationBlocks: ARBITRATION_BLOCKS,
      judgementBondBps: 1000,
    },
  ]);
  // Bonds come from the GDS's balance (deposit is open to GDS accounts).
  const bondMoney = parseEther("1");
  await f.send(gds, "deposit", [bondMoney], bondMoney);
});

/** A dispatched job of the suite's shape with its third DO judged non-compliant by the GDS. */
async function judgedJob(): Promise<{ id: Hex; named: Address }> {
  const id = await dispatchJob(f, spec);
  const named = spec.jobDos[2]!;
  await f.send(gds, "reportFailure", [id, [named], FailureReason.NonCompliantResult]);
  expect(await stateOf(f, id)).toBe(JobState.Judged);
  return { id, named };
}

/** The model's settlement of the judgement under `ruling`, from the chain's views before it settles. */
async function expectedSettlement(id: Hex, ruling: Ruling) {
  const job = await f.read<JobView>("getJob", [id]);
  const participants = await f.read<ParticipantView[]>("getProgress", [id]);
  return { job, outcome: previewJudgement(job, participants, ruling) };
}

/** Ticks the watcher block by block until the job settles (at most `blocks`). */
async function tickUntilSettled(watcher: { tick(): Promise<unknown> }, id: Hex, blocks: number) {
  for (let i = 0; i < blocks && (await stateOf(f, id)) !== JobState.Failed; i++) {
    await watcher.tick();
    await f.mine(1);
  }
  await watcher.tick(); // follows its transaction: the action line
}

describe("GDS watcher and judgements", () => {
  it("settles a judgement as upheld once the challenge window ended unchallenged, not before", async () => {
    const { id, named } = await judgedJob();
    const job = await f.read<JobView>("getJob", [id]);
    expect(job.challengeDeadline).toBe(job.judgedAt + BigInt(CHALLENGE_WINDOW_BLOCKS));
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);

    // Inside the window: nothing to do (a named participant may still challenge).
    while ((await f.blockNumber()) < job.challengeDeadline - 1n) {
      await watcher.tick();
      expect(await stateOf(f, id)).toBe(JobState.Judged);
      await f.mine(1);
    }
    await watcher.tick();
    expect(await stateOf(f, id)).toBe(JobState.Judged);
    expect(lines.filter((l) => l.includes("settleJudgement"))).toEqual([]);

    const { outcome } = await expectedSettlement(id, "upheld");
    await f.mine(1); // the window's last block has passed
    await tickUntilSettled(watcher, id, 4);
    expect(await stateOf(f, id)).toBe(JobState.Failed);
    const [settled] = await jobEvents(f, "JobSettled", id);
    expect(settled!.blockNumber).toBeGreaterThanOrEqual(job.challengeDeadline);
    expect(settled!.blockNumber - job.challengeDeadline).toBeLessThanOrEqual(2n);
    expect(await settledBy(f, id)).toBe(gds);

    // Upheld: the named DO is fined as a non-compliant offender, the bond goes back to the GDS.
    expect(fineOfAccount(outcome, named)).toBeGreaterThan(0n);
    expect(outcome.bondReleased).toBe(job.bond);
    expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(outcome));
    const [released] = await jobEvents(f, "BondReleased", id);
    expect(released!.args.amount).toBe(job.bond);

    const actionLines = lines.filter((l) => l.includes("settleJudgement"));
    expect(actionLines).toHaveLength(1);
    expect(actionLines[0]).toContain(
      `settleJudgement job ${id.slice(0, 10)}…: the challenge window ended at block ${job.challengeDeadline} unchallenged (upheld)`,
    );
  });

  it("settles a challenge as overturned once the arbitration deadline passed unruled: the bond's share to the challenger", async () => {
    const { id, named } = await judgedJob();
    await f.send(named, "challengeJudgement", [id]);
    expect(await stateOf(f, id)).toBe(JobState.Challenged);
    const job = await f.read<JobView>("getJob", [id]);
    expect(job.arbitrationDeadline).toBe(job.challengeDeadline + BigInt(ARBITRATION_BLOCKS));
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);

    // Past the challenge window but before the arbitration deadline: the arbiter may still rule.
    await f.mine(Number(job.challengeDeadline - (await f.blockNumber())));
    await watcher.tick();
    expect(await stateOf(f, id)).toBe(JobState.Challenged);
    expect(lines.filter((l) => l.includes("settleJudgement"))).toEqual([]);

    const { outcome } = await expectedSettlement(id, []);
    await f.mine(Number(job.arbitrationDeadline - (await f.blockNumber())));
    await tickUntilSettled(watcher, id, 4);
    expect(await stateOf(f, id)).toBe(JobState.Failed);

    // Overturned, nobody timed out: no fine, the QC gets everything back, the whole bond (one named,
    // one overturned) is forfeited to the challenger; nothing of it goes back to the GDS.
    expect(outcome.fines).toEqual([]);
    expect(outcome.refund).toBe(job.paid);
    expect(outcome.bondForfeited).toBe(job.bond);
    expect(creditOf(outcome, named)).toBe(job.bond);
    expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(outcome));
    expect(lines.filter((l) => l.includes("settleJudgement"))[0]).toContain(
      `the arbiter did not rule before block ${job.arbitrationDeadline} (overturned)`,
    );
  });
});

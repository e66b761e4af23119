// @vitest-environment node
import { describe, expect, it } from "vitest";
import { MAX_REVERTS_PER_JOB, type RevertFacts, revertOutcome } from "./revert-outcome.ts";
import { JobState } from "../../protocol/enums.ts";

const base: RevertFacts = {
  stateNow: JobState.Dispatched,
  nowFails: undefined,
  benign: new Set(["JobMarketWrongState", "JobMarketNotTimedOut"]),
  gasUsed: 40_000n,
  gasLimit: 240_000n,
  earlierReverts: 0,
};

describe("what a reverted transaction of a service means", () => {
  it("the job is settled: someone else acted, nothing more to do, not counted", () => {
    expect(revertOutcome({ ...base, stateNow: JobState.Failed, nowFails: "JobMarketWrongState" })).toEqual({
      why: "JobMarketWrongState",
      next: "no longer applies",
      counted: false,
      giveUp: false,
    });
  });

  it("a judged or challenged job is not settled yet: a benign error there is decided again", () => {
    for (const stateNow of [JobState.Judged, JobState.Challenged]) {
      expect(revertOutcome({ ...base, stateNow, nowFails: "JobMarketWrongState" })).toMatchObject({
        next: "the next scan decides again",
        counted: false,
      });
    }
  });

  it("a benign reason on an open job (the participant came back): decided again, not counted", () => {
    const outcome = revertOutcome({ ...base, nowFails: "JobMarketNotTimedOut", earlierReverts: 2 });
    expect(outcome).toMatchObject({ next: "the next scan decides again", counted: false, giveUp: false });
  });

  it("nothing explains it: says the gas it used (out of gas when all of it) and counts it", () => {
    expect(revertOutcome(base)).toMatchObject({
      why: "it would succeed now; it used 40000 of its 240000 gas",
      next: "the next scan decides again (revert 1 of at most 3 for this job)",
      counted: true,
      giveUp: false,
    });
    // EIP-150: a call that ran out of gas leaves 1/64 to its caller.
    expect(revertOutcome({ ...base, gasUsed: 236_250n }).why).toMatch(/: out of gas$/);
    expect(revertOutcome({ ...base, nowFails: "AccessControlUnauthorizedAccount" }).why).toBe(
      "AccessControlUnauthorizedAccount",
    );
  });

  it(`gives up at the ${MAX_REVERTS_PER_JOB}rd unexplained revert of a job`, () => {
    const outcome = revertOutcome({ ...base, earlierReverts: MAX_REVERTS_PER_JOB - 1 });
    expect(outcome.giveUp).toBe(true);
    expect(outcome.next).toMatch(/^gave up on this job after 3 reverted transactions: a person should look/);
  });
});

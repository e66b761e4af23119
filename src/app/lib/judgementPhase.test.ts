import { describe, expect, it } from "vitest";
import { JobState } from "../../protocol/enums.ts";
import { describeJudgementPhase, isJudgementState, judgementPhase } from "./judgementPhase.ts";

const job = { judgedAt: 100n, challengeDeadline: 110n, arbitrationDeadline: 160n };

describe("judgementPhase", () => {
  it("is challengeable before the window's end, then settles as upheld", () => {
    expect(judgementPhase({ ...job, state: JobState.Judged }, 100n)).toEqual({
      kind: "challengeable",
      deadline: 110n,
      blocksLeft: 10n,
    });
    expect(judgementPhase({ ...job, state: JobState.Judged }, 109n)).toMatchObject({ blocksLeft: 1n });
    expect(judgementPhase({ ...job, state: JobState.Judged }, 110n)).toEqual({
      kind: "settle-upheld",
      deadline: 110n,
    });
  });

  it("waits for the arbiter until its deadline, then settles as overturned", () => {
    expect(judgementPhase({ ...job, state: JobState.Challenged }, 120n)).toEqual({
      kind: "arbitration",
      deadline: 160n,
      blocksLeft: 40n,
    });
    expect(judgementPhase({ ...job, state: JobState.Challenged }, 160n)).toEqual({
      kind: "settle-overturned",
      deadline: 160n,
    });
  });

  it("has no phase outside the judgement states, and says each phase in words", () => {
    for (const state of [JobState.Ordered, JobState.Dispatched, JobState.Failed])
      expect(judgementPhase({ ...job, state }, 105n)).toBeUndefined();
    expect(isJudgementState(JobState.Judged)).toBe(true);
    expect(isJudgementState(JobState.Challenged)).toBe(true);
    expect(isJudgementState(JobState.Dispatched)).toBe(false);
    expect(describeJudgementPhase({ kind: "challengeable", deadline: 110n, blocksLeft: 3n })).toBe(
      "A named participant may challenge it before block 110 (3 blocks left); unchallenged, it is upheld.",
    );
    expect(describeJudgementPhase({ kind: "settle-overturned", deadline: 160n })).toContain(
      "no fine without a ruling",
    );
  });
});

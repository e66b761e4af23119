// @vitest-environment node
import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { countLateParticipants, decideActions, type DecisionOptions, settleFromBlock } from "./decide.ts";
import { JobState } from "../../protocol/enums.ts";
import type { ChainSnapshot, JobSnapshot, ParticipantSnapshot } from "./types.ts";

const jobA = "0x000000000000000000000000000000aa" as Hex;
const jobB = "0x000000000000000000000000000000bb" as Hex;
const doOne = "0x0000000000000000000000000000000000000d01" as Address;
const doTwo = "0x0000000000000000000000000000000000000d02" as Address;
const mpcOne = "0x0000000000000000000000000000000000000a01" as Address;

function participant(account: Address, role: number, timedOut: boolean): ParticipantSnapshot {
  return { account, role, lastSeen: 100n, timedOut };
}

function job(overrides: Partial<JobSnapshot>): JobSnapshot {
  return {
    id: jobA,
    state: JobState.Dispatched,
    orderedAt: 10n,
    abortedAt: 0n,
    timeoutBlocks: 20n,
    orderExpiryBlocks: 30n,
    abortGraceBlocks: 5n,
    challengeDeadline: 0n,
    arbitrationDeadline: 0n,
    participants: [],
    ...overrides,
  };
}

const asGds: DecisionOptions = { settleDelayBlocks: 0n, signerIsGds: true, skipJobs: new Set() };

function snapshot(blockNumber: bigint, jobs: JobSnapshot[]): ChainSnapshot {
  return { blockNumber, jobs };
}

describe("decideActions", () => {
  it("reports every timed-out participant of a dispatched job in one reportFailure", () => {
    const s = snapshot(200n, [
      job({
        participants: [
          participant(doOne, 1, true),
          participant(doTwo, 1, false),
          participant(mpcOne, 2, true),
        ],
      }),
    ]);
    const actions = decideActions(s, asGds);
    expect(actions).toEqual([
      {
        kind: "reportFailure",
        jobId: jobA,
        reason: 1,
        offenders: [
          { account: doOne, role: 1, lastSeen: 100n },
          { account: mpcOne, role: 2, lastSeen: 100n },
        ],
      },
    ]);
    expect(countLateParticipants(s)).toBe(2);
  });

  it("does nothing for a dispatched job whose participants are all alive", () => {
    const s = snapshot(200n, [job({ participants: [participant(doOne, 1, false)] })]);
    expect(decideActions(s, asGds)).toEqual([]);
  });

  it("never acts twice on a job whose transaction is in flight", () => {
    const s = snapshot(200n, [
      job({ participants: [participant(doOne, 1, true)] }),
      job({ id: jobB, state: JobState.Ordered, orderedAt: 10n }),
    ]);
    const actions = decideActions(s, { ...asGds, skipJobs: new Set([jobA]) });
    expect(actions.map((a) => [a.kind, a.jobId])).toEqual([["cancelJob", jobB]]);
  });

  it("settles an aborting job at once as the GDS, or after the configured delay", () => {
    const aborting = job({ state: JobState.Aborting, abortedAt: 150n });
    expect(decideActions(snapshot(150n, [aborting]), asGds)).toEqual([
      { kind: "settleAbort", jobId: jobA, abortedAt: 150n },
    ]);
    const delayed = { ...asGds, settleDelayBlocks: 3n };
    expect(decideActions(snapshot(152n, [aborting]), delayed)).toEqual([]);
    expect(decideActions(snapshot(153n, [aborting]), delayed)).toHaveLength(1);
  });

  it("waits for the abort grace when the signer is not the GDS", () => {
    const aborting = job({ state: JobState.Aborting, abortedAt: 150n, abortGraceBlocks: 5n });
    const notGds = { ...asGds, signerIsGds: false };
    expect(settleFromBlock(aborting, notGds)).toBe(155n);
    expect(decideActions(snapshot(154n, [aborting]), notGds)).toEqual([]);
    expect(decideActions(snapshot(155n, [aborting]), notGds)).toHaveLength(1);
    // A delay longer than the grace still applies.
    expect(settleFromBlock(aborting, { ...notGds, settleDelayBlocks: 9n })).toBe(159n);
  });

  it("cancels an order exactly from block orderedAt + orderExpiryBlocks (docs/rules.md §4)", () => {
    const ordered = job({ state: JobState.Ordered, orderedAt: 10n, orderExpiryBlocks: 30n });
    expect(decideActions(snapshot(39n, [ordered]), asGds)).toEqual([]);
    expect(decideActions(snapshot(40n, [ordered]), asGds)).toEqual([
      { kind: "cancelJob", jobId: jobA, expiredAt: 40n },
    ]);
  });

  it("ignores timed-out flags outside the Dispatched state", () => {
    const s = snapshot(500n, [
      job({ state: JobState.Aborting, abortedAt: 490n, participants: [participant(doOne, 1, true)] }),
    ]);
    const actions = decideActions(s, { ...asGds, settleDelayBlocks: 50n });
    expect(actions).toEqual([]);
    expect(countLateParticipants(s)).toBe(0);
  });
});

describe("judgements past their deadline (docs/rules.md §11.7)", () => {
  const deadlines = { challengeDeadline: 300n, arbitrationDeadline: 350n };
  const judged = job({ state: JobState.Judged, ...deadlines });
  const challenged = job({ id: jobB, state: JobState.Challenged, ...deadlines });
  const asAnyone: DecisionOptions = { ...asGds, signerIsGds: false };

  it("waits while a judgement can still be challenged or ruled on", () => {
    expect(decideActions(snapshot(299n, [judged, challenged]), asGds)).toEqual([]);
    expect(decideActions(snapshot(349n, [challenged]), asGds)).toEqual([]);
  });

  it("settles an unchallenged judgement as upheld and an unruled challenge as overturned, as anyone", () => {
    expect(decideActions(snapshot(300n, [judged, challenged]), asAnyone)).toEqual([
      { kind: "settleJudgement", jobId: jobA, deadline: 300n, outcome: "upheld" },
    ]);
    expect(decideActions(snapshot(350n, [judged, challenged]), asAnyone)).toEqual([
      { kind: "settleJudgement", jobId: jobA, deadline: 300n, outcome: "upheld" },
      { kind: "settleJudgement", jobId: jobB, deadline: 350n, outcome: "overturned" },
    ]);
    expect(decideActions(snapshot(400n, [judged]), { ...asGds, skipJobs: new Set([jobA]) })).toEqual([]);
  });
});

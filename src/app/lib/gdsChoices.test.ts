import { describe, expect, it } from "vitest";
import { replaceableMpcs, replacementCandidates, timedOutParticipants } from "./gdsChoices.ts";
import { progressSummary } from "./progressSummary.ts";
import { jobView, nodeView, participant } from "../../protocol/testing/viewData.ts";

const job = jobView();
const MPC_A = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
const MPC_B = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";
const MPC_C = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";
const participants = [
  participant({ timedOut: true }),
  participant({ account: MPC_A, role: 2, replacementRequested: true }),
  participant({ account: MPC_B, role: 2, partComplete: true, timedOut: false }),
];
const progress = new Map([[job.id, participants]]);

describe("GDS choices", () => {
  it("lists replaceable MPCs with the reason, and flags timed-out participants", () => {
    expect(replaceableMpcs([job], progress).map((r) => [r.mpc.account, r.why])).toEqual([
      [MPC_A, "replacement requested"],
    ]);
    expect(replaceableMpcs([jobView({ state: 1 })], progress)).toEqual([]);
    expect(timedOutParticipants([job], progress).map((r) => r.offenders.length)).toEqual([1]);
  });

  it("offers replacements that are MPCs outside the job with the collateral free, freshest first", () => {
    const nodes = [
      nodeView({ account: MPC_A, lastHeartbeat: 500n }), // already in the job
      nodeView({ account: MPC_C, lastHeartbeat: 400n }),
      nodeView({ account: "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec", lastHeartbeat: 450n }),
      nodeView({ account: "0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097", lastHeartbeat: 600n, balance: 10n }), // too poor
      nodeView({ account: "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a", role: 1, lastHeartbeat: 700n }), // a DO
    ];
    expect(replacementCandidates(job, participants, nodes).map((n) => n.account)).toEqual([
      "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
      MPC_C,
    ]);
  });

  it("counts epochs over the trainers only: a Horizontal job's MPCs do not hold it at epoch 0", () => {
    const done = [
      participant({ completedEpochs: 2, partComplete: true }),
      participant({ account: MPC_A, role: 2, completedEpochs: 0 }),
    ];
    expect(progressSummary(done, 2, 0)?.text).toBe("1/2 done · epochs 2/2");
    expect(progressSummary(done, 2, 1)?.text).toBe("1/2 done · epochs 0/2");
  });

  it("summarises progress in one line", () => {
    expect(progressSummary(participants, 2, job.jobType)).toMatchObject({
      dos: 1,
      mpcs: 2,
      complete: 1,
      timedOut: 1,
      text: "1/3 done · epochs 0/2 · 1 timed out",
    });
    expect(progressSummary(undefined, 2, job.jobType)).toBeUndefined();
  });
});

// @vitest-environment node
// The agent's API against a real chain: it refuses a missing token and bad input with a plain
// sentence and sends nothing; a self-report aborts the job with exactly the fine it announced.
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL, FailureReason, JobState, Status } from "../../protocol/enums.ts";
import { uuidOfJobId } from "../../protocol/jobId.ts";
import {
  dispatchJob,
  dos,
  gds,
  type MarketFixture,
  mpcs,
  startMarket,
} from "../shared/testing/market-fixture.ts";
import { jobEvents, stateOf } from "../shared/testing/job-events.ts";
import { nonceOf } from "../shared/testing/scenarios.ts";
import { eventually, startAgent, type TestAgent } from "./testing/agent-harness.ts";
import { previewAbort } from "../../protocol/money/index.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";

let f: MarketFixture;
let a: TestAgent;
const spec = {
  jobDos: dos.slice(0, 2),
  doPrices: [1_000n, 1_000n],
  jobMpcs: mpcs.slice(0, 1),
  mpcPrice: 500n,
  totalEpochs: 3,
};

beforeAll(async () => {
  f = await startMarket({ timeoutBlocks: 50 });
  a = await startAgent(f, dos[0]!);
  await eventually(
    async () => (await a.call("GET", "/health")).json?.ok === true,
    20_000,
    "the agent to be ready",
  );
}, 60_000);
afterAll(async () => {
  await a?.stop();
  await f?.stop();
});

/** Waits until the agent lists job `id` as Dispatched. */
async function seesDispatched(id: Hex) {
  await eventually(
    async () =>
      (await a.call("GET", "/jobs")).json.jobs.some(
        (j: { id: Hex; state: string }) => j.id === id && j.state === "Dispatched",
      ),
    10_000,
    "the agent to see the job dispatched",
  );
}

describe("the agent's API", () => {
  it("answers /health without a token and everything else only with it", async () => {
    const health = await a.call("GET", "/health", undefined, null);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true, node: dos[0], registered: true });
    for (const token of [null, "wrong-token-000"]) {
      const jobs = await a.call("GET", "/jobs", undefined, token);
      expect(jobs.status).toBe(401);
      expect(jobs.json.error).toMatch(/bearer token/);
      expect((await a.call("GET", "/metrics", undefined, token)).status).toBe(401);
      expect((await a.call("POST", `/jobs/0x${"1".repeat(32)}/failure`, {}, token)).status).toBe(401);
    }
  });

  it("set the node's terms at start: accepting, any GDS, maxCollateral = its stake", async () => {
    const terms = await f.read<{ accepting: boolean; maxCollateral: bigint; minFee: bigint }>("termsOf", [
      dos[0],
    ]);
    expect(terms).toMatchObject({ accepting: true, minFee: 0n, maxCollateral: 10n * 10n ** 18n });
    expect(a.lines.join("\n")).toMatch(
      /setNodeTerms accepting, any GDS, minFee 0, maxCollateral 10000000000000000000 → tx 0x\w+ \(block \d+\)/,
    );
  });

  it("keeps the terms in step with its configuration: terms changed on chain are set back", async () => {
    await f.send(dos[0]!, "setNodeTerms", [{ accepting: false, gds, minFee: 5n, maxCollateral: 1n }]);
    await eventually(
      async () => (await f.read<{ accepting: boolean }>("termsOf", [dos[0]])).accepting,
      10_000,
      "the terms back",
    );
    expect(await f.read("termsOf", [dos[0]])).toMatchObject({
      accepting: true,
      minFee: 0n,
      maxCollateral: 10n * 10n ** 18n,
    });
  });

  it("refuses bad input with 400, an unknown job with 404, a conflict with 409, and sends nothing", async () => {
    const id = await dispatchJob(f, spec);
    await seesDispatched(id);
    const nonce = await nonceOf(f, dos[0]!);
    const progress = (body: unknown, job: string = id) => a.call("POST", `/jobs/${job}/progress`, body);
    const good = { taskType: "Training", epoch: 0, batch: 1, status: "InProgress" };
    const cases: [unknown, number, RegExp][] = [
      ["not json", 400, /not JSON/],
      [[1, 2], 400, /JSON object/],
      [{ ...good, taskType: "Cooking" }, 400, /taskType "Cooking" is not one of Training, PSI, Aggregation/],
      [{ ...good, taskType: "Aggregation" }, 400, /reports Training in this job now, not Aggregation/],
      [{ ...good, status: 7 }, 400, /status 7 is not one of 0–3/],
      [{ ...good, epoch: -1 }, 400, /epoch must be a whole number/],
      [{ ...good, epoch: 3 }, 400, /Epoch 3 is out of range: the job has 3 epochs/],
      [{ ...good, epoch: "ALL", batch: 2 }, 400, /needs batch "ALL"/],
      [{ ...good, status: "Failed" }, 400, /POST \/jobs\/\{id\}\/failure/],
    ];
    for (const [body, code, error] of cases) {
      const answer = await progress(body);
      expect([answer.status, answer.json?.error]).toEqual([code, expect.stringMatching(error)]);
    }
    expect((await progress(good, "not-an-id")).status).toBe(400);
    const stranger = await progress(good, `0x${"ab".repeat(16)}`);
    expect([stranger.status, stranger.json.error]).toEqual([
      404,
      expect.stringMatching(/not a job of this node/),
    ]);
    expect((await a.call("GET", "/nope")).status).toBe(404);
    expect((await a.call("POST", `/jobs/${id}/replacement`, { mpc: "0x1234" })).status).toBe(400);
    expect((await a.call("POST", `/jobs/${id}/replacement`, { mpc: dos[1] })).json.error).toMatch(
      /not a current MPC/,
    );
    expect((await a.call("POST", `/jobs/${id}/challenge`)).status).toBe(409);
    expect(await nonceOf(f, dos[0]!)).toBe(nonce);

    // Forward, then backwards: 409 against the newest accepted position.
    const epoch1 = await progress({ taskType: 0, epoch: 1, batch: "ALL", status: "Completed" });
    expect(epoch1.status).toBe(202);
    const back = await progress({ taskType: 0, epoch: 0, batch: 5, status: "InProgress" });
    expect([back.status, back.json.error]).toEqual([409, expect.stringMatching(/never goes backwards/)]);
    expect((await f.read<ParticipantView[]>("getProgress", [id]))[0]!.completedEpochs).toBeLessThanOrEqual(2);
    const listedJob = async () =>
      (await a.call("GET", "/jobs?active=1")).json.jobs.find((j: { id: Hex }) => j.id === id);
    await eventually(
      async () => (await listedJob()).progress.completedEpochs === 2,
      10_000,
      "epoch 1 on chain",
    );
    expect((await f.read<ParticipantView[]>("getProgress", [id]))[0]!.completedEpochs).toBe(2);
    const job = await listedJob();
    expect(job).toMatchObject({
      uuid: uuidOfJobId(id),
      state: "Dispatched",
      role: "DO",
      next: "report",
      totalEpochs: 3,
    });
    expect(job.progress.onChain).toEqual({
      taskType: "Training",
      epoch: 1,
      batch: "ALL",
      status: "Completed",
    });
    // A dashed UUID names the same job; the position is on chain already: nothing to send.
    const viaUuid = await progress(
      { taskType: 0, epoch: 1, batch: "ALL", status: "Completed" },
      uuidOfJobId(id),
    );
    expect(viaUuid.json).toMatchObject({ queued: false });
  });

  it("a self-report through the API aborts the job, and the fine it answered is the one taken", async () => {
    const id = await dispatchJob(f, spec);
    await seesDispatched(id);
    expect(
      (
        await a.call("POST", `/jobs/${id}/progress`, {
          taskType: 0,
          epoch: 0,
          batch: ALL,
          status: Status.Completed,
        })
      ).status,
    ).toBe(202);
    const answer = await a.call("POST", `/jobs/${id}/failure`);
    expect(answer.status).toBe(202);
    expect(answer.json.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    await eventually(async () => (await stateOf(f, id)) === JobState.Aborting, 10_000, "the abort");
    // The epoch completion went first: settleAbort pays by completed epochs.
    const parts = await f.read<ParticipantView[]>("getProgress", [id]);
    expect(parts[0]!.completedEpochs).toBe(1);
    const job = await f.read<JobView>("getJob", [id]);
    const model = previewAbort(job, parts);
    const modelFine = model.fines.find((x) => x.account === dos[0])!.amount;
    expect(BigInt(answer.json.fine)).toBe(modelFine);
    await f.send(gds, "settleAbort", [id]);
    const fined = await jobEvents(f, "Fined", id);
    expect(fined.map((e) => [e.args.offender, e.args.amount])).toEqual([[dos[0], BigInt(answer.json.fine)]]);
    // 80 % of C = 2,000 (selfReportFineBps 8000), one offender.
    expect(BigInt(answer.json.fine)).toBe(1_600n);
    const again = await a.call("POST", `/jobs/${id}/failure`);
    expect([again.status, again.json.error]).toEqual([
      409,
      expect.stringMatching(/not Dispatched|already queued/),
    ]);
  });

  it("challenges a judgement against the node at once (FEDPAY_AUTO_CHALLENGE) and says so", async () => {
    const id = await dispatchJob(f, spec);
    await seesDispatched(id);
    // The GDS needs a bond (10 % of the fine it asks): it deposits, then judges DO 1 non-compliant.
    await f.send(gds, "deposit", [1_000n], 1_000n);
    await f.send(gds, "reportFailure", [id, [dos[0]], FailureReason.NonCompliantResult]);
    await eventually(async () => (await stateOf(f, id)) === JobState.Challenged, 10_000, "the challenge");
    const [challenge] = await jobEvents(f, "JudgementChallenged", id);
    expect(challenge!.args.challenger).toBe(dos[0]);
    const line =
      /challengeJudgement job 0x\w{8}… \(FEDPAY_AUTO_CHALLENGE: every judgement against this node\) → tx 0x\w+ \(block \d+\)/;
    await eventually(() => a.lines.some((l) => line.test(l)), 10_000, "the line saying it challenged");
    const metrics = await a.call("GET", "/metrics");
    expect(metrics.text).toMatch(/^fedpay_agent_challenges_total 1$/m);
    expect(metrics.text).toMatch(/^fedpay_agent_auto_challenge 1$/m);
    // Challenged: nothing more to challenge.
    const again = await a.call("POST", `/jobs/${id}/challenge`);
    expect([again.status, again.json.error]).toEqual([409, expect.stringMatching(/not Judged/)]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FailureReason, JobState, JobType, Role } from "../enums.ts";
import { jobView, participant } from "../testing/viewData.ts";
import { previewReport, previewSelfReport } from "./preview.ts";
import { priceOf } from "./price.ts";
import { fineOfAccount } from "./settlement.ts";
import { cancellationCost, priceOfJob } from "./views.ts";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;

describe("priceOfJob: priceOf fed from the views", () => {
  it("is priceOf over the job's DO prices (fee / factor), for a vertical job with a factor", () => {
    const job = jobView({ jobType: 1, modelComplexityFactor: 3, mpcCount: 2, mpcPrice: 7n });
    const doPrices = [100n, 250n, 333n];
    const participants = [
      ...doPrices.map((p) => participant({ role: Role.DO, fee: p * 3n })),
      participant({ role: Role.MPC, fee: 7n * 3n * 3n }),
      participant({ role: Role.MPC, fee: 7n * 3n * 3n }),
    ];
    expect(priceOfJob(job, participants)).toEqual(
      priceOf({
        jobType: 1,
        doPrices,
        modelComplexityFactor: 3,
        mpcCount: 2,
        mpcPrice: 7n,
        gdsFeeBps: job.params.gdsFeeBps,
      }),
    );
  });

  it("is unknown until the participants are read", () => {
    expect(priceOfJob(jobView(), undefined)).toBeUndefined();
    expect(priceOfJob(jobView(), [])).toBeUndefined();
  });

  it("prices the draft's worked example: 10 DOs at 1000, 2 MPCs at 500, GDS 10 %", () => {
    const job = jobView({ jobType: JobType.Horizontal, mpcCount: 2, mpcPrice: 500n });
    const participants = [
      ...Array.from({ length: 10 }, () => participant({ role: Role.DO, fee: 1000n })),
      participant({ role: Role.MPC, fee: 500n }),
      participant({ role: Role.MPC, fee: 500n }),
    ];
    expect(priceOfJob(job, participants)).toEqual({
      doFees: 10_000n,
      mpcFee: 500n,
      mpcFees: 1_000n,
      gdsFee: 1_100n,
      total: 12_100n,
      collateral: 10_000n,
    });
  });

  it("gives back the very price the DO prices were ordered at, on random jobs", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(JobType.Horizontal, JobType.Vertical),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.integer({ min: 0, max: 10_000 }),
        (jobType, doPrices, factor, mpcCount, mpcPrice, gdsFeeBps) => {
          const inputs = { jobType, doPrices, modelComplexityFactor: factor, mpcCount, mpcPrice, gdsFeeBps };
          const price = priceOf(inputs);
          const params = { ...jobView().params, gdsFeeBps };
          const job = jobView({ jobType, modelComplexityFactor: factor, mpcCount, mpcPrice, params });
          const participants = doPrices.map((p) => participant({ role: Role.DO, fee: p * BigInt(factor) }));
          expect(priceOfJob(job, participants)).toEqual(price);
          expect(price.total).toBe(price.doFees + price.mpcFees + price.gdsFee);
          expect(price.collateral).toBe(price.doFees);
        },
      ),
    );
  });
});

describe("cancellationCost", () => {
  it("is cancelFineBps of the total, rounded down, once dispatched; the QC gets the rest back", () => {
    const job = jobView({ state: JobState.Dispatched, totalPrice: 12_345n, paid: 13_000n });
    const fine = (12_345n * 6000n) / 10_000n;
    expect(cancellationCost(job)).toEqual({ fine, refund: 13_000n - fine });
  });

  it("is nothing before dispatch: everything paid comes back", () => {
    expect(cancellationCost(jobView({ state: JobState.Ordered, totalPrice: 12_345n, paid: 500n }))).toEqual({
      fine: 0n,
      refund: 500n,
    });
  });
});

describe("the fines the node and GDS pages show before anyone signs", () => {
  const me = addr(1);
  const job = jobView({ collateral: 10_000n });
  const dos = [me, addr(2), addr(3)].map((account) => participant({ account, role: Role.DO }));

  it("a self-report costs selfReportFineBps of C, shared with the others already timed out", () => {
    const alone = previewSelfReport(job, dos, me)!;
    expect(fineOfAccount(alone, me)).toBe(8_000n);
    const shared = previewSelfReport(job, [dos[0]!, { ...dos[1]!, timedOut: true }, dos[2]!], me)!;
    expect(fineOfAccount(shared, me)).toBe(4_000n);
    expect(fineOfAccount(shared, addr(2))).toBe(5_000n); // the detected fine, also shared by k = 2
  });

  it("a self-report after one's own timeout is fined as detected", () => {
    const late = previewSelfReport(job, [{ ...dos[0]!, timedOut: true }, dos[1]!, dos[2]!], me)!;
    expect(late.fines).toEqual([{ account: me, amount: 10_000n, reason: FailureReason.HeartbeatTimeout }]);
  });

  it("a horizontal MPC's failure report is a replacement request: no fine", () => {
    const mpc = participant({ account: me, role: Role.MPC });
    expect(previewSelfReport(job, [dos[1]!, mpc], me)).toBeUndefined();
  });

  it("a non-compliance report fines the offender detectedFineBps of C, shared with the timed out", () => {
    const report = (participants: typeof dos) =>
      fineOfAccount(previewReport(job, participants, [addr(2)], FailureReason.NonCompliantResult), addr(2));
    expect(report(dos)).toBe(10_000n);
    expect(report([dos[0]!, dos[1]!, { ...dos[2]!, timedOut: true }])).toBe(5_000n);
  });
});

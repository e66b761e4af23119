import fc from "fast-check";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { FailureReason, Role } from "../enums.ts";
import { priceOf, WORKED_EXAMPLE_PRICE } from "./price.ts";
import { splitRemainder } from "./rules.ts";
import {
  creditOf,
  settleCancelled,
  settleCompleted,
  settleFailure,
  sumOf,
  type SettlementMember,
} from "./settlement.ts";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const GDS = addr(0x9d5);

describe("the worked example of docs/rules.md §6 (10 DOs at 1000, 2 MPCs at 500, DO3 timed out)", () => {
  const price = priceOf(WORKED_EXAMPLE_PRICE);
  const members: SettlementMember[] = [
    ...Array.from({ length: 10 }, (_, i) => ({ account: addr(i + 1), role: Role.DO, fee: 1000n })),
    { account: addr(101), role: Role.MPC, fee: 500n },
    { account: addr(102), role: Role.MPC, fee: 500n },
  ];
  const job = { gds: GDS, collateral: price.collateral, totalPrice: price.total, paid: price.total };
  const outcome = settleFailure(
    job,
    members,
    [{ account: addr(3), reason: FailureReason.HeartbeatTimeout }],
    {
      selfReportFineBps: 8000,
      detectedFineBps: 10000,
      shares: [1250, 3750, 5000],
      byEpochs: false,
      totalEpochs: 2,
    },
  );

  it("prices the job at 12,100 with C = 10,000", () => {
    expect(price.total).toBe(12_100n);
    expect(price.collateral).toBe(10_000n);
  });
  it("refunds the QC, fines DO3 all of C, pays 9 x 1,000 plus the shares, dust to the GDS", () => {
    expect(outcome.refund).toBe(12_100n);
    expect(outcome.fines).toEqual([
      { account: addr(3), amount: 10_000n, reason: FailureReason.HeartbeatTimeout },
    ]);
    expect(creditOf(outcome, addr(1))).toBe(1_000n + 55n); // 500 * 1000 / 9000 rounded down
    expect(creditOf(outcome, addr(101))).toBe(187n);
    expect(outcome.gdsCredit).toBe(125n + 5n + 1n);
    expect(outcome.released.find((r) => r.account === addr(3))).toBeUndefined();
  });
});

describe("splitRemainder", () => {
  it("gives an empty group's share to the others in proportion", () => {
    expect(splitRemainder(1000n, [1250, 3750, 5000], 0n, 10n)).toEqual({
      gdsPart: 200n,
      mpcPart: 0n,
      doPart: 800n,
      qcPart: 0n,
    });
  });
  it("falls back to the fee weights when every share left is 0", () => {
    expect(splitRemainder(900n, [0, 10000, 0], 0n, 30n)).toEqual({
      gdsPart: 0n,
      mpcPart: 0n,
      doPart: 900n,
      qcPart: 0n,
    });
  });
  it("returns everything to the QC with no good participant", () => {
    expect(splitRemainder(7n, [1250, 3750, 5000], 0n, 0n).qcPart).toBe(7n);
  });
});

const memberArb = fc.record({
  role: fc.constantFrom(Role.DO, Role.MPC),
  fee: fc.bigInt({ min: 1n, max: 10n ** 24n }),
  completedEpochs: fc.integer({ min: 0, max: 5 }),
});

describe("every settlement conserves value (credits + refund = paid + fines)", () => {
  it("for failures, completions and cancellations on random jobs", () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 })),
        fc.boolean(),
        (raw, picks, extra, collateral, [a, b], byEpochs) => {
          const members = raw.map((m, i) => ({ ...m, account: addr(i + 1) }));
          const offenders = [...new Set(picks.map((p) => members[p % members.length]!.account))].map(
            (account, i) => ({
              account,
              reason: i % 3,
            }),
          );
          const totalPrice = sumOf(members.map((m) => ({ amount: m.fee })));
          const job = { gds: GDS, collateral, totalPrice, paid: totalPrice + extra };
          const [g, mm] = [Math.min(a, b), Math.max(a, b)];
          const failure = settleFailure(job, members, offenders, {
            selfReportFineBps: Math.min(g, 10000),
            detectedFineBps: 10000,
            shares: [g, mm - g, 10000 - mm],
            byEpochs,
            totalEpochs: 5,
          });
          expect(sumOf(failure.credits) + failure.refund).toBe(job.paid + sumOf(failure.fines));
          const done = settleCompleted(job, members);
          expect(sumOf(done.credits) + done.refund).toBe(job.paid);
          const cancelled = settleCancelled({ ...job, dispatched: true, cancelFineBps: a }, members);
          expect(sumOf(cancelled.credits) + cancelled.refund).toBe(job.paid);
        },
      ),
    );
  });
});

import fc from "fast-check";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { Role } from "../enums.ts";
import { judgementBond, settleJudgement } from "./judgement.ts";
import { creditOf, sumOf, type SettlementMember } from "./settlement.ts";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const GDS = addr(0x9d5);
const terms = {
  selfReportFineBps: 8000,
  detectedFineBps: 10000,
  shares: [1250, 3750, 5000] as const,
  totalEpochs: 2,
};

describe("judgementBond", () => {
  it("is bondBps of the fines the judgement asks of the named, k counting the timed out", () => {
    expect(judgementBond(10_000n, 10000, 2, 2, 1000)).toBe(1_000n);
    expect(judgementBond(4_000n, 10000, 1, 2, 1000)).toBe(200n); // one named, one timed out
    expect(judgementBond(3_000n, 10000, 3, 3, 1234)).toBe(370n);
  });
});

describe("settleJudgement on the worked example (10 DOs at 1,000, 2 MPCs at 500)", () => {
  const members: SettlementMember[] = [
    ...Array.from({ length: 10 }, (_, i) => ({ account: addr(i + 1), role: Role.DO, fee: 1000n })),
    { account: addr(101), role: Role.MPC, fee: 500n },
    { account: addr(102), role: Role.MPC, fee: 500n },
  ];
  const job = { gds: GDS, collateral: 10_000n, totalPrice: 12_100n, paid: 12_100n };
  const judgement = { named: [addr(4), addr(5)], timedOut: [], bond: 1_000n };

  it("all overturned: the QC gets everything back, the bond goes 500 / 500 to the named", () => {
    const out = settleJudgement(job, members, judgement, [], terms);
    expect([out.refund, out.fines.length, out.bondReleased, out.bondForfeited]).toEqual([
      12_100n,
      0,
      0n,
      1_000n,
    ]);
    expect(out.credits).toEqual([
      { account: addr(4), amount: 500n },
      { account: addr(5), amount: 500n },
    ]);
  });

  it("partly overturned: the upheld one is fined C, the overturned one gets half the bond with its fee", () => {
    const out = settleJudgement(job, members, judgement, [addr(4)], terms);
    expect(out.fines).toEqual([{ account: addr(4), amount: 10_000n, reason: 2 }]);
    expect(creditOf(out, addr(5))).toBe(1_000n + 55n + 500n);
    expect([out.bondReleased, out.bondForfeited, out.gdsCredit]).toEqual([500n, 500n, 125n + 1n + 5n]);
  });
});

describe("every judgement settlement conserves value (credits + refund = paid + fines + forfeited bond)", () => {
  it("for random juries, silences and rulings", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            role: fc.constantFrom(Role.DO, Role.MPC),
            fee: fc.bigInt({ min: 1n, max: 10n ** 20n }),
          }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.bigInt({ min: 0n, max: 10n ** 19n }),
        (raw, namedPicks, silentPicks, upheldPicks, collateral, bond) => {
          const ms = raw.map((m, i) => ({ ...m, account: addr(i + 1) }));
          const named = [...new Set(namedPicks.map((p) => ms[p % ms.length]!.account))];
          const timedOut = [...new Set(silentPicks.map((p) => ms[p % ms.length]!.account))];
          const upheld = [...new Set(upheldPicks.map((p) => named[p % named.length]!))];
          const total = sumOf(ms.map((m) => ({ amount: m.fee })));
          const j = { gds: GDS, collateral, totalPrice: total, paid: total };
          const out = settleJudgement(j, ms, { named, timedOut, bond }, upheld, terms);
          expect(sumOf(out.credits) + out.refund).toBe(j.paid + sumOf(out.fines) + out.bondForfeited!);
          expect(out.bondForfeited! + out.bondReleased!).toBe(bond);
          expect(out.gdsCredit >= 0n).toBe(true);
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { accountRoles, creditsTo, settlementOutcomes } from "./settlement.ts";
import { marketLog } from "./testLogs.ts";

const ID = "0x123e4567e89b42d3a456426614174000";
const QC = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const DO1 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const DO2 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const MPC1 = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
const MPC2 = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";

// The draft's corner case shrunk to two DOs: DO2 times out; DO1 is compensated, the rest is shared.
const logs = [
  marketLog("JobOrdered", { id: ID, jobType: 0, qc: QC, gds: GDS, dos: [DO1, DO2], quote: 2750n }, 1n),
  marketLog("MpcsAssigned", { id: ID, mpcs: [MPC1], mpcPrice: 500n }, 2n),
  marketLog("MpcReplaced", { id: ID, oldMpc: MPC1, newMpc: MPC2, replacements: 1 }, 3n),
  marketLog("Fined", { id: ID, offender: DO2, amount: 2000n, reason: 1 }, 4n, 0),
  marketLog(
    "RewardDistributed",
    { id: ID, recipients: [DO1, GDS, MPC2, DO1], amounts: [1000n, 125n, 375n, 500n] },
    4n,
    1,
  ),
  marketLog("Refund", { id: ID, recipients: [QC], amounts: [2750n] }, 4n, 2),
];

describe("settlement breakdown", () => {
  it("adds up what each account got, was refunded and was fined", () => {
    const byAccount = Object.fromEntries(settlementOutcomes(logs).map((o) => [o.account, o]));
    expect(byAccount[DO1]).toMatchObject({ rewarded: 1500n, refunded: 0n, fined: 0n });
    expect(byAccount[DO2]).toMatchObject({ rewarded: 0n, fined: 2000n, fineReason: 1 });
    expect(byAccount[GDS]).toMatchObject({ rewarded: 125n });
    expect(byAccount[QC]).toMatchObject({ refunded: 2750n });
    // Value is conserved: rewards + refunds = QC payment + fines.
    const out = settlementOutcomes(logs).reduce((s, o) => s + o.rewarded + o.refunded, 0n);
    expect(out).toBe(2750n + 2000n);
  });

  it("names each account's part, replaced MPCs included", () => {
    const roles = accountRoles(logs, { qc: QC, gds: GDS });
    expect(roles.get(DO2.toLowerCase())).toBe("DO");
    expect(roles.get(MPC1.toLowerCase())).toBe("MPC (replaced)");
    expect(roles.get(MPC2.toLowerCase())).toBe("MPC");
    expect(roles.get(QC.toLowerCase())).toBe("QC");
  });

  it("lists the credits of one account", () => {
    expect(creditsTo(logs, QC)).toEqual([{ key: "4:2", id: ID, blockNumber: 4n, amount: 2750n }]);
    expect(creditsTo(logs, DO1.toLowerCase() as `0x${string}`).map((c) => c.amount)).toEqual([1500n]);
  });
});

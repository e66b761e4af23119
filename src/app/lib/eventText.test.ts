import { describe, expect, it } from "vitest";
import { describeEvent } from "./eventText.ts";
import { ALL } from "../../protocol/enums.ts";
import { marketLog } from "./testLogs.ts";

const ID = "0x123e4567e89b42d3a456426614174000";
const DO1 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const ether = { decimals: 18, symbol: "ETH" };

describe("describeEvent", () => {
  it("says what a status update, a reward and a fine mean", () => {
    expect(
      describeEvent(
        marketLog("JobStatusUpdated", {
          id: ID,
          participant: DO1,
          status: { taskType: 0, epoch: ALL, batch: ALL, status: 2 },
        }),
        ether,
      ),
    ).toBe("0x15d3…6A65: Training · epoch ALL · batch ALL · Completed");
    expect(
      describeEvent(
        marketLog("RewardDistributed", {
          id: ID,
          recipients: [DO1, DO1],
          amounts: [10n ** 18n, 5n * 10n ** 17n],
        }),
        ether,
      ),
    ).toBe("Rewards of 1.5 ETH credited to 2 accounts");
    expect(
      describeEvent(marketLog("Fined", { id: ID, offender: DO1, amount: 10n ** 18n, reason: 2 }), {
        decimals: 18,
        symbol: "GO",
      }),
    ).toBe("0x15d3…6A65 fined 1 GO (Non-compliant result)");
    expect(describeEvent(marketLog("JobSettled", { id: ID, finalState: 6 }), ether)).toBe(
      "Settled: Cancelled",
    );
  });

  it("says a 6-decimal token's amounts in its own units", () => {
    expect(
      describeEvent(
        marketLog("QuerySubmitted", { id: ID, qc: DO1, amount: 12_100_000_001n, totalPaid: 12_100_000_001n }),
        { decimals: 6, symbol: "fdUSD" },
      ),
    ).toBe("QC paid 12,100.000001 fdUSD (total paid 12,100.000001 fdUSD)");
  });

  it("says what a judgement, its challenge, the ruling and the bond mean (docs/rules.md §11.7)", () => {
    const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    expect(
      describeEvent(
        marketLog("JobJudged", {
          id: ID,
          gds: GDS,
          offenders: [DO1],
          bond: 10n ** 17n,
          challengeDeadline: 7300n,
        }),
        ether,
      ),
    ).toBe(
      "GDS 0x7099…79C8 judged 0x15d3…6A65 non-compliant (bond 0.1 ETH): Judged, open to challenge before block 7300",
    );
    expect(describeEvent(marketLog("JudgementChallenged", { id: ID, challenger: DO1 }), ether)).toBe(
      "0x15d3…6A65 challenged the judgement: Challenged, the arbiter rules",
    );
    expect(describeEvent(marketLog("ChallengeResolved", { id: ID, arbiter: GDS, upheld: [] }), ether)).toBe(
      "Arbiter 0x7099…79C8 overturned the judgement for everyone named",
    );
    expect(
      describeEvent(marketLog("ChallengeResolved", { id: ID, arbiter: GDS, upheld: [DO1] }), ether),
    ).toContain("upheld the judgement of 0x15d3…6A65");
    expect(describeEvent(marketLog("BondReleased", { id: ID, gds: GDS, amount: 10n ** 17n }), ether)).toBe(
      "0.1 ETH of the judgement bond went back to GDS 0x7099…79C8",
    );
    expect(describeEvent(marketLog("JobSettled", { id: ID, finalState: 5 }), ether)).toBe("Settled: Failed");
  });

  it("says a node's terms", () => {
    expect(
      describeEvent(
        marketLog("NodeTermsSet", {
          node: DO1,
          terms: {
            accepting: true,
            gds: "0x0000000000000000000000000000000000000000",
            minFee: 0n,
            maxCollateral: 10n ** 18n,
          },
        }),
        ether,
      ),
    ).toBe("0x15d3…6A65 set its terms: accepting orders · any GDS · any fee · collateral at most 1 ETH");
  });
});

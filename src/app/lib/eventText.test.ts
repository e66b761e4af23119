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
});

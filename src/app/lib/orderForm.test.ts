import { describe, expect, it } from "vitest";
import { UNSET_TERMS, type Terms } from "./nodeTerms.ts";
import { checkOrder, type OrderForm } from "./orderForm.ts";

const DO1 = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
const DO2 = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
const QC = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;
const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const offer = (account: string, balance: bigint, terms: Partial<Terms> = {}) => ({
  account: account as `0x${string}`,
  balance,
  locked: 0n,
  terms: { ...UNSET_TERMS, ...terms },
});
const limits = {
  maxDosPerJob: 100,
  maxMpcsPerJob: 16,
  gdsFeeBps: 1000,
  gds: GDS,
  minStake: 0n,
  offerOf: (a: string) => (a === DO1 || a === DO2 ? offer(a, 10n ** 18n) : undefined),
  unit: { decimals: 18, symbol: "ETH" },
};
const form: OrderForm = {
  id: "123e4567-e89b-42d3-a456-426614174000",
  jobType: 0,
  qc: QC,
  dos: [
    { account: DO1, price: "0.1" },
    { account: DO2, price: "0.2" },
  ],
  factor: "2",
  mpcCount: "2",
  totalEpochs: "3",
  mpcPrice: "0.05",
};
const eth = (x: string) => BigInt(Math.round(Number(x) * 1000)) * 10n ** 15n;

describe("checkOrder", () => {
  it("builds placeOrder's arguments with the quote from the price rules", () => {
    const check = checkOrder(form, limits);
    expect(check.error).toBeNull();
    expect(check.order).toMatchObject({
      id: "0x123e4567e89b42d3a456426614174000",
      qc: QC,
      dos: ["0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"],
      doPrices: [eth("0.1"), eth("0.2")],
      factor: 2,
      mpcCount: 2,
      totalEpochs: 3,
    });
    // DO fees 0.6, MPC fees 0.1, GDS 10 % = 0.07: quote 0.77, collateral 0.6.
    expect(check.order?.quote).toBe(eth("0.77"));
    expect(check.price?.collateral).toBe(eth("0.6"));
  });

  it("says the first problem and still shows the quote when prices parse", () => {
    expect(checkOrder({ ...form, qc: "0x12" }, limits)).toMatchObject({
      error: expect.stringContaining("QC address"),
      price: { total: eth("0.77") },
    });
    expect(checkOrder({ ...form, dos: [] }, limits).error).toBe("Pick at least one DO.");
    expect(
      checkOrder(
        { ...form, dos: [form.dos[0], { account: DO1.toUpperCase().replace("0X", "0x"), price: "1" }] },
        limits,
      ).error,
    ).toContain("picked twice");
    expect(checkOrder({ ...form, dos: [{ account: DO1, price: "0" }] }, limits).error).toContain(
      "above zero",
    );
    expect(checkOrder({ ...form, mpcCount: "17" }, limits).error).toBe(
      "The number of MPCs must be between 1 and 16.",
    );
    expect(checkOrder({ ...form, totalEpochs: "0" }, limits).error).toContain("epochs");
    expect(checkOrder({ ...form, id: "nope" }, limits).error).toContain("UUID");
  });

  it("refuses DOs without the collateral free, or not registered", () => {
    const poor = { ...limits, offerOf: (a: string) => offer(a, a === DO1 ? 1n : 10n ** 18n) };
    expect(checkOrder(form, poor).error).toContain("this job needs 0.6 ETH");
    expect(checkOrder(form, { ...limits, offerOf: () => undefined }).error).toContain("not a registered DO");
  });

  it("says which term of a DO refuses the order before it is sent", () => {
    const withTerms = (terms: Partial<Terms>) => ({
      ...limits,
      offerOf: (a: string) => offer(a, 10n ** 18n, a === DO2 ? terms : {}),
    });
    // DO2's fee is 0.2 x 2 = 0.4; C = 0.6.
    expect(checkOrder(form, withTerms({ maxCollateral: eth("0.5") })).error).toBe(
      "0x9965…a4dc cannot be ordered: it locks at most 0.5 ETH of collateral (this job needs 0.6 ETH).",
    );
    expect(checkOrder(form, withTerms({ minFee: eth("0.5") })).error).toContain(
      "a fee of at least 0.5 ETH (this job pays 0.4 ETH)",
    );
    expect(checkOrder(form, withTerms({ accepting: false })).error).toContain("not accepting orders");
    expect(checkOrder(form, withTerms({ gds: QC })).error).toContain("only from GDS 0x3C44…93BC");
    expect(checkOrder(form, withTerms({ gds: GDS, minFee: eth("0.4") })).error).toBeNull();
    expect(checkOrder(form, { ...limits, minStake: 2n * 10n ** 18n }).error).toContain("minimum stake");
  });

  it("reads prices in a 6-decimal token's units", () => {
    const usd = {
      ...limits,
      unit: { decimals: 6, symbol: "fdUSD" },
      offerOf: (a: string) => offer(a, 10n ** 9n),
    };
    const check = checkOrder(form, usd);
    expect(check.error).toBeNull();
    expect(check.order?.doPrices).toEqual([100_000n, 200_000n]);
    expect(checkOrder({ ...form, mpcPrice: "0.0000001" }, usd).error).toBe(
      "Planned MPC price: At most 6 decimals.",
    );
    expect(checkOrder(form, { ...usd, offerOf: (a: string) => offer(a, 1n) }).error).toContain(
      "it has only 0.000001 fdUSD free (this job needs 0.6 fdUSD)",
    );
  });
});

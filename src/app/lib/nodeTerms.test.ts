import { maxUint256, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  UNSET_TERMS,
  defaultTerms,
  describeTerms,
  parseTermsForm,
  refusals,
  termsToForm,
} from "./nodeTerms.ts";

const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const NODE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const eth = (n: bigint) => n * 10n ** 18n;
const ETH = { decimals: 18, symbol: "ETH" };

describe("node terms", () => {
  it("defaults to any GDS, any fee, and at most the registered stake per job", () => {
    expect(defaultTerms(eth(5n))).toEqual({
      accepting: true,
      gds: zeroAddress,
      minFee: 0n,
      maxCollateral: eth(5n),
    });
    expect(termsToForm(defaultTerms(eth(5n)), ETH)).toEqual({
      accepting: true,
      gds: "",
      minFee: "0",
      maxCollateral: "5",
    });
  });

  it("parses the form: empty GDS is any GDS, empty maximum is no limit, bad input says what", () => {
    expect(parseTermsForm({ accepting: false, gds: "", minFee: "", maxCollateral: "" }, ETH)).toEqual({
      ok: true,
      value: { accepting: false, gds: zeroAddress, minFee: 0n, maxCollateral: maxUint256 },
    });
    expect(parseTermsForm({ accepting: true, gds: GDS, minFee: "0.1", maxCollateral: "2" }, ETH)).toEqual({
      ok: true,
      value: { accepting: true, gds: GDS, minFee: eth(1n) / 10n, maxCollateral: eth(2n) },
    });
    const badGds = parseTermsForm({ accepting: true, gds: "0x12", minFee: "", maxCollateral: "" }, ETH);
    expect(badGds.ok ? "" : badGds.error).toMatch(/^GDS: /);
    const badFee = parseTermsForm({ accepting: true, gds: "", minFee: "-1", maxCollateral: "" }, ETH);
    expect(badFee.ok ? "" : badFee.error).toMatch(/^Minimum fee: /);
    const badMax = parseTermsForm({ accepting: true, gds: "", minFee: "", maxCollateral: "x" }, ETH);
    expect(badMax.ok ? "" : badMax.error).toMatch(/^Maximum collateral: /);
  });

  it("describes terms in one line", () => {
    expect(describeTerms(UNSET_TERMS, ETH)).toBe(
      "accepting orders · any GDS · any fee · collateral up to its free stake",
    );
    expect(describeTerms({ accepting: false, gds: GDS, minFee: eth(1n), maxCollateral: eth(3n) }, ETH)).toBe(
      "not accepting orders · only GDS 0x7099…79C8 · fee at least 1 ETH · collateral at most 3 ETH",
    );
  });

  it("lists every reason a node cannot be locked into a job, as the contract checks them", () => {
    const node = { account: NODE, balance: eth(2n), locked: 0n, terms: UNSET_TERMS } as const;
    const job = { gds: GDS, fee: eth(1n), collateral: eth(1n), minStake: 0n } as const;
    expect(refusals(node, job, ETH)).toEqual([]);
    expect(
      refusals(
        { ...node, terms: { accepting: false, gds: OTHER, minFee: eth(2n), maxCollateral: eth(1n) / 2n } },
        job,
        ETH,
      ),
    ).toEqual([
      "it is not accepting orders",
      "it takes orders only from GDS 0x3C44…93BC",
      "it asks a fee of at least 2 ETH (this job pays 1 ETH)",
      "it locks at most 0.5 ETH of collateral (this job needs 1 ETH)",
    ]);
    expect(refusals({ ...node, terms: { ...UNSET_TERMS, gds: GDS } }, job, ETH)).toEqual([]);
    expect(refusals(node, { ...job, collateral: eth(3n) }, ETH)).toEqual([
      "it has only 2 ETH free (this job needs 3 ETH)",
    ]);
    expect(refusals(node, { ...job, minStake: eth(3n) }, ETH)).toEqual([
      "its stake is below the minimum stake of 3 ETH",
    ]);
  });
});

// A node's standing terms (docs/rules.md §11.1, §11.9): the safe defaults the register form fills in,
// the terms form as typed, and, for the GDS console, why a node's terms (or its stake) refuse a job
// before anything is sent. The contract's twin: TermsRules.sol (check) and OrderLogic.sol (lock).
import { getAddress, maxUint256, zeroAddress, type Address } from "viem";
import { parseAddress, sameAddress, shortAddress } from "../../protocol/address.ts";
import type { AmountUnit } from "../../protocol/asset.ts";
import { amountInputText, formatAmount, parseAmount, type Parsed } from "../../protocol/units.ts";

export interface Terms {
  accepting: boolean;
  /** zero: any GDS */
  gds: Address;
  minFee: bigint;
  /** maxUint256: no limit but the free stake */
  maxCollateral: bigint;
}

/** What termsOf says of a node that never set terms: accepting, any GDS, any fee, any collateral. */
export const UNSET_TERMS: Terms = {
  accepting: true,
  gds: zeroAddress,
  minFee: 0n,
  maxCollateral: maxUint256,
};

/**
 * The register form's defaults: accepting any GDS at any fee, but locking at most the stake being
 * registered in one job, so that no single order can take more than the node meant to put at risk.
 */
export function defaultTerms(stake: bigint): Terms {
  return { accepting: true, gds: zeroAddress, minFee: 0n, maxCollateral: stake };
}

/** The terms form as typed: amounts and the GDS address as strings, empty GDS = any. */
export interface TermsForm {
  accepting: boolean;
  gds: string;
  minFee: string;
  maxCollateral: string;
}

/** The form showing `terms`, amounts as an input takes them back in the asset's units. */
export function termsToForm(terms: Terms, unit: AmountUnit): TermsForm {
  return {
    accepting: terms.accepting,
    gds: sameAddress(terms.gds, zeroAddress) ? "" : terms.gds,
    minFee: amountInputText(terms.minFee, unit.decimals),
    maxCollateral:
      terms.maxCollateral === maxUint256 ? "" : amountInputText(terms.maxCollateral, unit.decimals),
  };
}

/** Checks the terms form; an empty GDS means any GDS, an empty maximum collateral means no limit. */
export function parseTermsForm(form: TermsForm, unit: AmountUnit): Parsed<Terms> {
  let gds: Address = zeroAddress;
  if (form.gds.trim() !== "") {
    const parsed = parseAddress(form.gds);
    if (!parsed.ok) return { ok: false, error: `GDS: ${parsed.error}` };
    gds = parsed.value;
  }
  const minFee = parseAmount(form.minFee.trim() === "" ? "0" : form.minFee, unit.decimals, {
    allowZero: true,
  });
  if (!minFee.ok) return { ok: false, error: `Minimum fee: ${minFee.error}` };
  let maxCollateral = maxUint256;
  if (form.maxCollateral.trim() !== "") {
    const parsed = parseAmount(form.maxCollateral, unit.decimals, { allowZero: true });
    if (!parsed.ok) return { ok: false, error: `Maximum collateral: ${parsed.error}` };
    maxCollateral = parsed.value;
  }
  return { ok: true, value: { accepting: form.accepting, gds, minFee: minFee.value, maxCollateral } };
}

/** The terms in one line, e.g. "accepting · any GDS · fee ≥ 0 · collateral ≤ 5". */
export function describeTerms(terms: Terms, unit: AmountUnit): string {
  const coin = (amount: bigint) => formatAmount(amount, unit);
  return [
    terms.accepting ? "accepting orders" : "not accepting orders",
    sameAddress(terms.gds, zeroAddress) ? "any GDS" : `only GDS ${shortAddress(terms.gds)}`,
    terms.minFee === 0n ? "any fee" : `fee at least ${coin(terms.minFee)}`,
    terms.maxCollateral === maxUint256
      ? "collateral up to its free stake"
      : `collateral at most ${coin(terms.maxCollateral)}`,
  ].join(" · ");
}

/** What a node offers an order: its terms (as termsOf / getNode give them) and its money. */
export interface NodeOffer {
  account: Address;
  terms: Terms;
  /** free stake */
  balance: bigint;
  locked: bigint;
}

/** The job a node would be locked into, as the GDS is about to send it. */
export interface JobAsk {
  /** the GDS that sends the order (msg.sender) */
  gds: Address;
  /** the node's fee in this job (p_i * F for a DO, the MPC fee for an MPC) */
  fee: bigint;
  /** C */
  collateral: bigint;
  minStake: bigint;
}

/**
 * Why the contract would refuse to lock `node` into this job (its terms, JobMarketTermsRejected; its
 * stake, JobMarketInsufficientFreeStake / JobMarketBelowMinStake), in words; empty when it is orderable.
 */
export function refusals(node: NodeOffer, job: JobAsk, unit: AmountUnit): string[] {
  const coin = (amount: bigint) => formatAmount(amount, unit);
  const out: string[] = [];
  const t = node.terms;
  if (!t.accepting) out.push("it is not accepting orders");
  if (!sameAddress(t.gds, zeroAddress) && !sameAddress(t.gds, job.gds))
    out.push(`it takes orders only from GDS ${shortAddress(getAddress(t.gds))}`);
  if (job.fee < t.minFee)
    out.push(`it asks a fee of at least ${coin(t.minFee)} (this job pays ${coin(job.fee)})`);
  if (job.collateral > t.maxCollateral)
    out.push(
      `it locks at most ${coin(t.maxCollateral)} of collateral (this job needs ${coin(job.collateral)})`,
    );
  if (node.balance < job.collateral)
    out.push(`it has only ${coin(node.balance)} free (this job needs ${coin(job.collateral)})`);
  if (node.balance + node.locked < job.minStake)
    out.push(`its stake is below the minimum stake of ${coin(job.minStake)}`);
  return out;
}

/** "0x15d3…6A65 cannot be ordered: it is not accepting orders; …" or null. */
export function refusalSentence(node: NodeOffer, job: JobAsk, unit: AmountUnit): string | null {
  const why = refusals(node, job, unit);
  return why.length === 0 ? null : `${shortAddress(node.account)} cannot be ordered: ${why.join("; ")}.`;
}

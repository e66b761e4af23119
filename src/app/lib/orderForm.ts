import { getAddress, zeroAddress, type Address } from "viem";
import { firstDuplicate, parseAddress, sameAddress, shortAddress } from "../../protocol/address.ts";
import { ALL } from "../../protocol/enums.ts";
import { parseJobId, type JobId } from "../../protocol/jobId.ts";
import { priceOf, type PriceBreakdown } from "../../protocol/money/index.ts";
import type { AmountUnit } from "../../protocol/asset.ts";
import { parseAmount, parseWholeNumber } from "../../protocol/units.ts";
import { refusalSentence, type NodeOffer } from "./nodeTerms.ts";

/** The place-order form as typed. */
export interface OrderForm {
  id: string;
  jobType: number;
  qc: string;
  dos: readonly { account: string; price: string }[];
  factor: string;
  mpcCount: string;
  totalEpochs: string;
  /** The MPC price the GDS plans to assign: it fixes the quote the QC sees. */
  mpcPrice: string;
}

export interface OrderLimits {
  maxDosPerJob: number;
  maxMpcsPerJob: number;
  gdsFeeBps: number;
  /** A registered DO's terms and money (undefined: not a registered DO). */
  offerOf: (account: string) => NodeOffer | undefined;
  /** The GDS placing the order (the connected account): node terms may name another. */
  gds: Address | undefined;
  minStake: bigint;
  /** The market's asset: prices are typed and shown in it. */
  unit: AmountUnit;
}

/** placeOrder's arguments, all checked. */
export interface ValidOrder {
  id: JobId;
  jobType: number;
  qc: Address;
  dos: Address[];
  doPrices: bigint[];
  factor: number;
  mpcCount: number;
  totalEpochs: number;
  quote: bigint;
}

export interface OrderCheck {
  /** Why it cannot be sent yet (the first problem), or null. */
  error: string | null;
  order?: ValidOrder;
  /** The live quote, as soon as every price and count parses. */
  price?: PriceBreakdown;
}

/** Checks the whole form and computes the quote with the contract's own rules (docs/rules.md §3). */
export function checkOrder(form: OrderForm, limits: OrderLimits): OrderCheck {
  const factor = parseWholeNumber(form.factor, 1, ALL, "The complexity factor");
  const mpcCount = parseWholeNumber(form.mpcCount, 1, limits.maxMpcsPerJob, "The number of MPCs");
  const mpcPrice = parseAmount(form.mpcPrice, limits.unit.decimals);
  const prices = form.dos.map((d) => parseAmount(d.price, limits.unit.decimals));
  let price: PriceBreakdown | undefined;
  if (factor.ok && mpcCount.ok && mpcPrice.ok && prices.length > 0 && prices.every((p) => p.ok)) {
    price = priceOf({
      jobType: form.jobType,
      doPrices: prices.map((p) => (p.ok ? p.value : 0n)),
      modelComplexityFactor: factor.value,
      mpcCount: mpcCount.value,
      mpcPrice: mpcPrice.value,
      gdsFeeBps: limits.gdsFeeBps,
    });
  }
  const fail = (error: string): OrderCheck => ({ error, price });

  const id = parseJobId(form.id);
  if (!id.ok) return fail(id.error);
  const qc = parseAddress(form.qc);
  if (!qc.ok) return fail(`QC address: ${qc.error}`);
  if (form.dos.length === 0) return fail("Pick at least one DO.");
  if (form.dos.length > limits.maxDosPerJob) return fail(`At most ${limits.maxDosPerJob} DOs per job.`);
  const duplicate = firstDuplicate(form.dos.map((d) => d.account));
  if (duplicate) return fail(`${shortAddress(duplicate)} is picked twice.`);
  if (form.dos.some((d) => sameAddress(d.account, qc.value)))
    return fail("The QC cannot also be one of the job's DOs.");
  const badPrice = prices.findIndex((p) => !p.ok);
  if (badPrice >= 0) {
    const p = prices[badPrice];
    return fail(`Price of ${shortAddress(form.dos[badPrice].account)}: ${p.ok ? "" : p.error}`);
  }
  if (!factor.ok) return fail(factor.error);
  if (!mpcCount.ok) return fail(mpcCount.error);
  const epochs = parseWholeNumber(form.totalEpochs, 1, ALL - 1, "The number of epochs");
  if (!epochs.ok) return fail(epochs.error);
  if (!mpcPrice.ok) return fail(`Planned MPC price: ${mpcPrice.error}`);
  if (!price) return fail("Fill in every price.");
  // The contract's own checks at placeOrder (docs/rules.md §11.1, §11.10), said before anything is sent.
  for (const [i, d] of form.dos.entries()) {
    const offer = limits.offerOf(d.account);
    if (offer === undefined) return fail(`${shortAddress(d.account)} is not a registered DO.`);
    const fee = (prices[i]!.ok ? prices[i]!.value : 0n) * BigInt(factor.value);
    const ask = {
      gds: limits.gds ?? zeroAddress,
      fee,
      collateral: price.collateral,
      minStake: limits.minStake,
    };
    const refused = refusalSentence(offer, ask, limits.unit);
    if (refused) return fail(refused);
  }
  return {
    error: null,
    price,
    order: {
      id: id.value,
      jobType: form.jobType,
      qc: qc.value,
      dos: form.dos.map((d) => getAddress(d.account)),
      doPrices: prices.map((p) => (p.ok ? p.value : 0n)),
      factor: factor.value,
      mpcCount: mpcCount.value,
      totalEpochs: epochs.value,
      quote: price.total,
    },
  };
}

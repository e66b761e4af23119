// Small chain helpers shared by the scenario, property, upgrade and attack tests: sending a write and
// getting its receipt, asserting a named custom-error revert, and decoding the settlement events.
import hre from "hardhat";
import { parseEventLogs, type Abi, type Hash, type TransactionReceipt } from "viem";
import { expect } from "chai";
import { addTo, type Address } from "./oracle.cjs";

/** Waits for a write and returns its receipt (Hardhat automines: the receipt already exists). */
export async function receiptOf(hashPromise: Promise<Hash>): Promise<TransactionReceipt> {
  const hash = await hashPromise;
  const client = await hre.viem.getPublicClient();
  const receipt = await client.getTransactionReceipt({ hash });
  expect(receipt.status).to.equal("success");
  return receipt;
}

/** Every message in an error's cause chain, so a custom error name is found wherever viem put it. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as {
      message?: string;
      shortMessage?: string;
      details?: string;
      data?: unknown;
      cause?: unknown;
    };
    parts.push(String(e.message ?? ""), String(e.shortMessage ?? ""), String(e.details ?? ""));
    const data = e.data as { errorName?: string } | undefined;
    if (data?.errorName) parts.push(data.errorName);
    current = e.cause;
  }
  return parts.join("\n");
}

/** Asserts that the write reverts, and with the named custom error when one is given. */
export async function expectRevert(write: Promise<unknown>, errorName?: string): Promise<void> {
  let failure: unknown;
  try {
    await write;
  } catch (error) {
    failure = error;
  }
  expect(failure, `expected a revert${errorName ? ` with ${errorName}` : ""}`).to.not.equal(undefined);
  if (errorName) expect(errorText(failure)).to.contain(errorName);
}

export interface SettlementEvents {
  rewards: Map<Address, bigint>;
  refunds: Map<Address, bigint>;
  fines: Map<Address, bigint>;
  fineReasons: Map<Address, number>;
  settledStates: number[];
}

type DecodedLog = { eventName: string; args: Record<string, unknown> };

/** Decodes Fined / RewardDistributed / Refund / JobSettled of one job from a receipt. */
export function settlementEvents(abi: Abi, receipt: TransactionReceipt, jobId: Hash): SettlementEvents {
  const out: SettlementEvents = {
    rewards: new Map(),
    refunds: new Map(),
    fines: new Map(),
    fineReasons: new Map(),
    settledStates: [],
  };
  const logs = parseEventLogs({ abi, logs: receipt.logs }) as unknown as DecodedLog[];
  for (const log of logs) {
    const args = log.args;
    if (typeof args.id === "string" && args.id.toLowerCase() !== jobId.toLowerCase()) continue;
    if (log.eventName === "RewardDistributed" || log.eventName === "Refund") {
      const recipients = args.recipients as Address[];
      const amounts = args.amounts as bigint[];
      expect(recipients.length).to.equal(amounts.length);
      const target = log.eventName === "Refund" ? out.refunds : out.rewards;
      recipients.forEach((who, i) => addTo(target, who, amounts[i]));
    } else if (log.eventName === "Fined") {
      const who = args.offender as Address;
      addTo(out.fines, who, args.amount as bigint);
      out.fineReasons.set(who.toLowerCase() as Address, Number(args.reason));
    } else if (log.eventName === "JobSettled") {
      out.settledStates.push(Number(args.finalState));
    }
  }
  return out;
}

/** Map equality with readable output (keys lower-cased, zero entries already dropped by addTo). */
export function expectSameMap(
  actual: ReadonlyMap<Address, bigint>,
  expected: ReadonlyMap<Address, bigint>,
  what: string,
): void {
  const show = (m: ReadonlyMap<Address, bigint>) =>
    Object.fromEntries(
      [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.toString()]),
    );
  expect(show(actual), what).to.deep.equal(show(expected));
}

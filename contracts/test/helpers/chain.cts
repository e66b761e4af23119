// Chain helpers every contract test shares: sending a write and getting its receipt, asserting a
// revert by its custom error's name, and reading a transaction's events in the order they were emitted.
import hre from "hardhat";
import { expect } from "chai";
import { parseEventLogs, type Abi, type Hash, type TransactionReceipt } from "viem";

/** Waits for a write and returns its receipt (Hardhat automines: the receipt already exists). */
export async function receiptOf(hashPromise: Promise<Hash>): Promise<TransactionReceipt> {
  const hash = await hashPromise;
  const client = await hre.viem.getPublicClient();
  const receipt = await client.getTransactionReceipt({ hash });
  expect(receipt.status).to.equal("success");
  return receipt;
}

interface ErrorLike {
  message?: string;
  shortMessage?: string;
  details?: string;
  data?: { errorName?: string } | unknown;
  cause?: unknown;
}

/** The decoded custom error name anywhere in a viem error's cause chain, if viem decoded one. */
export function errorNameOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const data = (current as ErrorLike).data as { errorName?: string } | undefined;
    if (data?.errorName) return data.errorName;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

/** Every message in an error's cause chain (for errors Hardhat cannot decode, e.g. raised in a modifier). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const e = current as ErrorLike;
    parts.push(String(e.message ?? ""), String(e.shortMessage ?? ""), String(e.details ?? ""));
    current = e.cause;
  }
  return parts.join("\n");
}

/**
 * Asserts that the write (or read) reverts; with `errorName`, that it reverts with exactly that custom
 * error when viem decoded one, else that the name (or a selector) is in the node's message.
 */
export async function expectRevert(call: Promise<unknown>, errorName?: string): Promise<void> {
  let failure: unknown;
  try {
    await call;
  } catch (error) {
    failure = error;
  }
  expect(failure, `expected a revert${errorName ? ` with ${errorName}` : ""}`).to.not.equal(undefined);
  if (!errorName) return;
  const decoded = errorNameOf(failure);
  if (decoded && !errorName.startsWith("0x")) expect(decoded).to.equal(errorName);
  else expect(errorText(failure)).to.contain(errorName);
}

export interface DecodedEvent {
  eventName: string;
  args: Record<string, unknown>;
}

/** The receipt's events as the ABI names them, in emission order; with `jobId`, only that job's. */
export function eventsOf(abi: Abi, receipt: TransactionReceipt, jobId?: Hash): DecodedEvent[] {
  const logs = parseEventLogs({ abi, logs: receipt.logs }) as unknown as DecodedEvent[];
  if (!jobId) return logs;
  return logs.filter(
    (log) => typeof log.args.id !== "string" || log.args.id.toLowerCase() === jobId.toLowerCase(),
  );
}

/** The events named `eventName` in the receipt, in order. */
export function eventsNamed(abi: Abi, receipt: TransactionReceipt, eventName: string): DecodedEvent[] {
  return eventsOf(abi, receipt).filter((e) => e.eventName === eventName);
}

/** The current block number. */
export async function blockNumber(): Promise<bigint> {
  return (await hre.viem.getPublicClient()).getBlockNumber();
}

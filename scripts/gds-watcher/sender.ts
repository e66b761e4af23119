// Sends the watcher's actions: simulate (so nothing that would revert is sent), estimate gas with a
// margin, send with a locally counted nonce, then follow each transaction until it is mined, replaced
// or dropped. Reverts that only mean "someone else already did it" are benign, not errors.
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import { jobMarketAbi } from "../../src/generated/abis.ts";
import { withGasMargin } from "../lib/chain.ts";
import { describeAction, formatMined, formatReverted, type LogLine } from "./log.ts";
import type { PendingAction, WatcherAction } from "./types.ts";

/**
 * Errors meaning the action no longer applies: the job moved on (another GDS instance, the QC, a
 * node or anyone acted first), the participant came back to life, or a deadline is not yet reached
 * where the watcher thought it was (a block of difference between its scan and the simulation).
 */
export const BENIGN_ERRORS = new Set([
  "JobMarketWrongState",
  "JobMarketNotTimedOut",
  "JobMarketGraceNotOver",
  "JobMarketOrderNotExpired",
]);

/** A transaction not mined after this many blocks is forgotten; the chain then says what is left. */
const FORGET_AFTER_BLOCKS = 50n;

export function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}

function firstLine(error: unknown): string {
  const text =
    error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!;
}

function callOf(action: WatcherAction) {
  switch (action.kind) {
    case "reportFailure":
      return {
        functionName: "reportFailure",
        args: [action.jobId, action.offenders.map((o) => o.account), action.reason],
      } as const;
    case "settleAbort":
      return { functionName: "settleAbort", args: [action.jobId] } as const;
    case "cancelJob":
      return { functionName: "cancelJob", args: [action.jobId] } as const;
  }
}

export interface SenderOptions {
  client: PublicClient;
  wallet: WalletClient;
  chain: Chain;
  market: Address;
  log: LogLine;
}

export class ActionSender {
  private readonly pending = new Map<Hash, PendingAction>();
  private readonly taken: Record<string, number> = {};
  /** Last non-benign failure printed per job, so a persistent one is said once, not every block. */
  private readonly saidFailure = new Map<string, string>();
  private readonly account: Account;

  constructor(private readonly options: SenderOptions) {
    if (!options.wallet.account) throw new Error("The watcher's wallet client has no account");
    this.account = options.wallet.account;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Jobs with one of our transactions in flight. */
  pendingJobs(): Set<`0x${string}`> {
    return new Set([...this.pending.values()].map((p) => p.action.jobId));
  }

  inFlight(): number {
    return this.pending.size;
  }

  /** Successful actions by kind, since this process started. */
  actionsTaken(): Record<string, number> {
    return { ...this.taken };
  }

  /** After a chain reset, nothing we sent exists any more. */
  clear(): void {
    this.pending.clear();
  }

  /**
   * Transactions of this account that are in the mempool but not ours (sent by an earlier run that
   * was killed): while there are any, acting again could double an action, so we wait for them.
   */
  async foreignInFlight(): Promise<number> {
    const [pendingNonce, latestNonce] = await Promise.all([
      this.options.client.getTransactionCount({ address: this.address, blockTag: "pending" }),
      this.options.client.getTransactionCount({ address: this.address, blockTag: "latest" }),
    ]);
    return Math.max(0, pendingNonce - latestNonce - this.pending.size);
  }

  /** Follows our transactions: logs the mined ones, forgets the replaced and the long-lost. */
  async refresh(blockNumber: bigint): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    const [receipts, latestNonce] = await Promise.all([
      Promise.all(
        entries.map((p) =>
          this.options.client.getTransactionReceipt({ hash: p.hash }).catch((error: unknown) => {
            if (error instanceof BaseError && error.name === "TransactionReceiptNotFoundError") return null;
            throw error;
          }),
        ),
      ),
      this.options.client.getTransactionCount({ address: this.address, blockTag: "latest" }),
    ]);
    for (const [i, entry] of entries.entries()) {
      const receipt = receipts[i];
      if (receipt) await this.settled(entry, receipt);
      else if (latestNonce > entry.nonce) {
        // Its nonce is used but not by this hash: replaced (sped up or cancelled) or dropped.
        this.pending.delete(entry.hash);
        this.options.log(
          `[block ${entry.decidedAt}] ${describeAction(entry.action)} → tx ${entry.hash} was replaced or dropped; the next scan decides again`,
        );
      } else if (blockNumber - entry.decidedAt > FORGET_AFTER_BLOCKS) {
        this.pending.delete(entry.hash);
        this.options.log(
          `[block ${entry.decidedAt}] ${describeAction(entry.action)} → tx ${entry.hash} not mined after ${FORGET_AFTER_BLOCKS} blocks; no longer waiting for it`,
        );
      }
    }
  }

  private async settled(entry: PendingAction, receipt: TransactionReceipt): Promise<void> {
    this.pending.delete(entry.hash);
    if (receipt.status === "success") {
      this.taken[entry.action.kind] = (this.taken[entry.action.kind] ?? 0) + 1;
      this.options.log(formatMined(entry.decidedAt, entry.action, entry.hash, receipt.blockNumber));
      return;
    }
    const state = await this.options.client
      .readContract({
        address: this.options.market,
        abi: jobMarketAbi,
        functionName: "getJob",
        args: [entry.action.jobId],
      })
      .then((job) => job.state)
      .catch(() => undefined);
    this.options.log(formatReverted(entry.decidedAt, entry.action, entry.hash, receipt.blockNumber, state));
  }

  /** Simulates every action, then sends those that would succeed. Returns how many were sent. */
  async submit(actions: WatcherAction[], decidedAt: bigint): Promise<number> {
    if (actions.length === 0) return 0;
    const { client } = this.options;
    // Simulation and gas estimate of every action, and the nonce, in one batched round trip.
    const [nonce, ...checks] = await Promise.all([
      client.getTransactionCount({ address: this.address, blockTag: "pending" }),
      ...actions.map(async (action) => {
        const call = {
          address: this.options.market,
          abi: jobMarketAbi,
          account: this.account,
          ...callOf(action),
        };
        try {
          const [, gas] = await Promise.all([
            client.simulateContract(call as never),
            client.estimateContractGas(call as never),
          ]);
          return { action, gas: gas as bigint };
        } catch (error) {
          return { action, error };
        }
      }),
    ]);

    let next = nonce;
    let sent = 0;
    for (const check of checks) {
      const { action } = check;
      if ("error" in check) {
        this.sayFailure(decidedAt, action, check.error, "simulation");
        continue;
      }
      try {
        const hash = await this.options.wallet.writeContract({
          address: this.options.market,
          abi: jobMarketAbi,
          ...callOf(action),
          account: this.account,
          chain: this.options.chain,
          gas: withGasMargin(check.gas),
          nonce: next,
        } as never);
        this.pending.set(hash, { action, hash, nonce: next, decidedAt });
        this.saidFailure.delete(action.jobId);
        next++;
        sent++;
      } catch (error) {
        this.sayFailure(decidedAt, action, error, "sending");
        // The nonce may or may not be used now: the next block starts again from the chain's count.
        break;
      }
    }
    return sent;
  }

  private sayFailure(decidedAt: bigint, action: WatcherAction, error: unknown, stage: string): void {
    const name = revertName(error);
    if (name && BENIGN_ERRORS.has(name)) {
      this.options.log(
        `[block ${decidedAt}] ${describeAction(action)}: no longer applies (${name}); not sent`,
      );
      return;
    }
    const reason = name ?? firstLine(error);
    if (this.saidFailure.get(action.jobId) === reason) return;
    this.saidFailure.set(action.jobId, reason);
    this.options.log(
      `[block ${decidedAt}] ${describeAction(action)}: ${stage} failed (${reason}); retrying next block`,
    );
  }
}

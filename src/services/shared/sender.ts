// Sends the watcher's actions: simulate (so nothing that would revert is sent), estimate gas with a
// margin, send with a locally counted nonce, then follow each transaction until it is mined, replaced
// or dropped. Reverts that only mean "someone else already did it" are benign, not errors; a job whose
// transactions keep reverting for another reason is given up on rather than paid for every block.
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { withGasMargin } from "../../../scripts/lib/chain.ts";
import { describeAction, formatMined, formatReverted, type LogLine } from "../gds-watcher/log.ts";
import { revertOutcome } from "./revert-outcome.ts";
import type { PendingAction, WatcherAction } from "../gds-watcher/types.ts";

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
  // An offender named from the scan is no longer in the job (an MPC replaced in the meantime).
  "JobMarketNotParticipant",
]);

/** A transaction not mined after this many blocks is forgotten; the chain then says what is left. */
const FORGET_AFTER_BLOCKS = 50n;

/** A receipt or transaction that the node does not know (yet): null; any other error is thrown. */
function notFound(error: unknown): null {
  if (
    error instanceof BaseError &&
    (error.name === "TransactionReceiptNotFoundError" || error.name === "TransactionNotFoundError")
  )
    return null;
  throw error;
}

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
  /** Reverted transactions per job that no benign reason explains; reset when one succeeds. */
  private readonly reverts = new Map<Hex, number>();
  /** Jobs given up on after MAX_REVERTS_PER_JOB such reverts: a person should look. */
  private readonly givenUp = new Set<Hex>();
  private readonly account: Account;

  constructor(private readonly options: SenderOptions) {
    if (!options.wallet.account) throw new Error("The watcher's wallet client has no account");
    this.account = options.wallet.account;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Jobs not to act on: one of our transactions is in flight, or we gave up on them. */
  skipJobs(): Set<Hex> {
    return new Set([...this.pending.values()].map((p) => p.action.jobId).concat([...this.givenUp]));
  }

  inFlight(): number {
    return this.pending.size;
  }

  /** Jobs given up on after MAX_REVERTS_PER_JOB reverts that nothing benign explains. */
  givenUpJobs(): number {
    return this.givenUp.size;
  }

  /** Successful actions by kind, since this process started. */
  actionsTaken(): Record<string, number> {
    return { ...this.taken };
  }

  /** After a chain reset, nothing we sent exists any more. */
  clear(): void {
    this.pending.clear();
    this.reverts.clear();
    this.givenUp.clear();
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

  /**
   * Follows our transactions: logs the mined ones, forgets the replaced, the dropped and the
   * long-lost. Returns how many reverted (the caller then reads the signer's role again).
   */
  async refresh(blockNumber: bigint): Promise<{ reverted: number }> {
    if (this.pending.size === 0) return { reverted: 0 };
    const { client } = this.options;
    const entries = [...this.pending.values()];
    // The nonce first: a transaction mined between this read and the receipts is then not taken
    // for one replaced (its nonce moved, its receipt is found).
    const latestNonce = await client.getTransactionCount({ address: this.address, blockTag: "latest" });
    const [receipts, known] = await Promise.all([
      Promise.all(entries.map((p) => client.getTransactionReceipt({ hash: p.hash }).catch(notFound))),
      // Mined or still in the mempool: eth_getTransactionByHash knows it.
      Promise.all(entries.map((p) => client.getTransaction({ hash: p.hash }).catch(notFound))),
    ]);
    let reverted = 0;
    for (const [i, entry] of entries.entries()) {
      const receipt = receipts[i];
      const what = `[block ${entry.decidedAt}] ${describeAction(entry.action)} → tx ${entry.hash}`;
      if (receipt) {
        if (!(await this.settled(entry, receipt))) reverted++;
      } else if (latestNonce > entry.nonce) {
        this.pending.delete(entry.hash);
        this.options.log(
          `${what} was replaced (its nonce ${entry.nonce} was used by another transaction); the next scan decides again`,
        );
      } else if (!known[i] && blockNumber > entry.decidedAt) {
        // Neither mined nor waiting, a block after it was sent (a node may take a moment to show a
        // transaction it just accepted): a resend takes the same nonce, so at most one can be mined.
        this.pending.delete(entry.hash);
        this.options.log(`${what} was dropped from the mempool; the next scan decides again`);
      } else if (blockNumber - entry.decidedAt > FORGET_AFTER_BLOCKS) {
        this.pending.delete(entry.hash);
        this.options.log(`${what} not mined after ${FORGET_AFTER_BLOCKS} blocks; no longer waiting for it`);
      }
    }
    return { reverted };
  }

  /** Logs a mined transaction of ours; returns whether it succeeded. */
  private async settled(entry: PendingAction, receipt: TransactionReceipt): Promise<boolean> {
    const { action } = entry;
    this.pending.delete(entry.hash);
    if (receipt.status === "success") {
      this.taken[action.kind] = (this.taken[action.kind] ?? 0) + 1;
      this.reverts.delete(action.jobId);
      this.options.log(formatMined(entry.decidedAt, action, entry.hash, receipt.blockNumber));
      return true;
    }
    // A receipt carries no revert reason: the same call now names it, if it still fails.
    const [state, nowFails] = await Promise.all([
      this.options.client
        .readContract({
          address: this.options.market,
          abi: jobMarketAbi,
          functionName: "getJob",
          args: [action.jobId],
        })
        .then((job) => job.state)
        .catch(() => undefined),
      this.simulate(action).then(
        () => undefined,
        (error: unknown) => revertName(error) ?? firstLine(error),
      ),
    ]);
    const outcome = revertOutcome({
      stateNow: state,
      nowFails,
      benign: BENIGN_ERRORS,
      gasUsed: receipt.gasUsed,
      gasLimit: entry.gas,
      earlierReverts: this.reverts.get(action.jobId) ?? 0,
    });
    if (outcome.counted) this.reverts.set(action.jobId, (this.reverts.get(action.jobId) ?? 0) + 1);
    if (outcome.giveUp) this.givenUp.add(action.jobId);
    this.options.log(
      formatReverted(
        entry.decidedAt,
        action,
        entry.hash,
        receipt.blockNumber,
        outcome.why,
        state,
        outcome.next,
      ),
    );
    return false;
  }

  private simulate(action: WatcherAction) {
    const call = {
      address: this.options.market,
      abi: jobMarketAbi,
      account: this.account,
      ...callOf(action),
    };
    return this.options.client.simulateContract(call as never);
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
            this.simulate(action),
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
        const gas = withGasMargin(check.gas);
        const hash = await this.options.wallet.writeContract({
          address: this.options.market,
          abi: jobMarketAbi,
          ...callOf(action),
          account: this.account,
          chain: this.options.chain,
          gas,
          nonce: next,
        } as never);
        this.pending.set(hash, { action, hash, nonce: next, gas, decidedAt });
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

// Sends a service's actions to the JobMarket: simulate (so nothing that would revert is sent), estimate
// gas with the protocol's margin (or the service's own floor, e.g. a final completion's settlement
// allowance), send with nonces serialized per account, then follow each transaction until it is
// mined, replaced or dropped; one that stays unmined for a few blocks is sent again with the same
// nonce and higher fees (a fee bump), so a fee spike cannot leave it waiting forever. Reverts that only mean "someone else already did it" are benign, not
// errors; a job whose transactions keep reverting for another reason is given up on rather than paid for
// every block. What an action calls, how it reads and which errors are benign is the service's to say
// (the GDS watcher: gds-watcher/actions.ts); the rest is the same for every service.
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
import { jobStateName } from "../../protocol/enums.ts";
import { withGasMargin } from "../../protocol/gas.ts";
import { formatGwei } from "viem";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import type { LogLine } from "./log.ts";
import { revertOutcome } from "./revert-outcome.ts";
import { failureReason } from "./rounds.ts";

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

/** One JobMarket call. */
export interface MarketCall {
  functionName: string;
  args: readonly unknown[];
  /** Coins sent with a payable call (registerNode, deposit on a native-coin market). */
  value?: bigint;
}

/** What a service asks the sender to do. */
export interface SendableAction {
  /** Counted by this name in actionsTaken(). */
  kind: string;
  /**
   * The job it acts on, if any: one transaction of ours in flight per job (per kind for actions
   * without a job), and after a revert the job's state tells whether the action still applies.
   */
  jobId?: Hex;
  /** In-flight key when the job is not the right one (an action beside a job's progress). */
  key?: string;
}

/** What a service says about its actions. */
export interface ActionRules<A extends SendableAction> {
  /** The market call an action makes. */
  call(action: A): MarketCall;
  /** What the action does and why, without its outcome (the start of every line about it). */
  describe(action: A): string;
  /** Errors meaning the action no longer applies (the job moved on): said once, never counted. */
  benign: ReadonlySet<string>;
  /** The gas limit for an estimate; default the protocol's margin (withGasMargin). */
  gasLimit?(action: A, estimate: bigint): bigint;
}

/** The fees a transaction was sent with: EIP-1559, or a legacy gas price on a chain without it. */
export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };

/** When and how much a transaction that stays unmined is re-priced. */
export interface BumpRules {
  /** Blocks without being mined before a bump (counted from its last sending). */
  afterBlocks: bigint;
  /** Each bump raises the fees by at least this percentage (nodes want >= 10 % to replace). */
  percent: bigint;
  /** Bumps per transaction at most; then it waits (or is forgotten after FORGET_AFTER_BLOCKS). */
  maxBumps: number;
}

export const DEFAULT_BUMP: BumpRules = { afterBlocks: 3n, percent: 25n, maxBumps: 5 };

function raised(fees: Fees, percent: bigint, fresh: Fees): Fees {
  const up = (value: bigint) => (value * (100n + percent)) / 100n + 1n;
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  if ("gasPrice" in fees) {
    return { gasPrice: max(up(fees.gasPrice), "gasPrice" in fresh ? fresh.gasPrice : 0n) };
  }
  const freshTip = "maxPriorityFeePerGas" in fresh ? fresh.maxPriorityFeePerGas : 0n;
  const freshMax = "maxFeePerGas" in fresh ? fresh.maxFeePerGas : 0n;
  const tip = max(up(fees.maxPriorityFeePerGas), freshTip);
  return { maxPriorityFeePerGas: tip, maxFeePerGas: max(max(up(fees.maxFeePerGas), freshMax), tip) };
}

function describeFees(fees: Fees): string {
  return "gasPrice" in fees
    ? `gas price ${formatGwei(fees.gasPrice)} gwei`
    : `max fee ${formatGwei(fees.maxFeePerGas)} gwei, tip ${formatGwei(fees.maxPriorityFeePerGas)} gwei`;
}

/** A transaction the sender sent and has not yet seen mined. Kept in memory only. */
export interface PendingAction<A> {
  action: A;
  /** Its latest hash (after fee bumps: the latest replacement). */
  hash: Hash;
  /** Every hash sent for this nonce, oldest first: any one of them may be the one mined. */
  hashes: Hash[];
  nonce: number;
  /** The gas limit it was sent with (a revert that used all of it ran out of gas). */
  gas: bigint;
  fees: Fees;
  /** The block whose round decided it. */
  decidedAt: bigint;
  /** The block at which it was last sent (first sending or last bump). */
  sentAt: bigint;
  bumps: number;
}

/** What submitting one action did: its hash, or why it was not sent. */
export type SubmitResult<A> = { action: A; hash: Hash } | { action: A; error: string };

/** In flight and given up on by this key: the job, or the kind of an action without one. */
const keyOf = (action: SendableAction): string => action.key ?? action.jobId ?? action.kind;

export interface SenderOptions<A extends SendableAction> extends ActionRules<A> {
  client: PublicClient;
  wallet: WalletClient;
  chain: Chain;
  market: Address;
  log: LogLine;
  /** Fee bumps of transactions that stay unmined; default DEFAULT_BUMP. */
  bump?: BumpRules;
}

export class ActionSender<A extends SendableAction> {
  private readonly pending = new Map<Hash, PendingAction<A>>();
  private readonly taken: Record<string, number> = {};
  /** Last non-benign failure printed per key, so a persistent one is said once, not every block. */
  private readonly saidFailure = new Map<string, string>();
  /** Reverted transactions per key that no benign reason explains; reset when one succeeds. */
  private readonly reverts = new Map<string, number>();
  /** Keys given up on after MAX_REVERTS_PER_JOB such reverts: a person should look. */
  private readonly givenUp = new Set<string>();
  private readonly account: Account;
  /** Sending is one queue per account: nonces are handed out one at a time, never twice. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The next nonce we would use, as far as we know (undefined: ask the chain). */
  private nextNonce: number | undefined;
  private bumpCount = 0;
  private failureCount = 0;

  constructor(private readonly options: SenderOptions<A>) {
    if (!options.wallet.account) throw new Error("The sender's wallet client has no account");
    this.account = options.wallet.account;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Jobs (keys) not to act on: one of our transactions is in flight, or we gave up on them. */
  skipJobs(): Set<string> {
    return new Set([...this.pending.values()].map((p) => keyOf(p.action)).concat([...this.givenUp]));
  }

  inFlight(): number {
    return this.pending.size;
  }

  /** Jobs (keys) given up on after MAX_REVERTS_PER_JOB reverts that nothing benign explains. */
  givenUpJobs(): number {
    return this.givenUp.size;
  }

  /** Fee bumps sent since this process started. */
  feeBumps(): number {
    return this.bumpCount;
  }

  /** Actions that failed since this process started: reverted on chain, or refused when sent. */
  failures(): number {
    return this.failureCount;
  }

  /** Our transactions in flight, by key (a job id, or an action's kind or key). */
  inFlightKeys(): Set<string> {
    return new Set([...this.pending.values()].map((p) => keyOf(p.action)));
  }

  /** Successful actions by kind, since this process started. */
  actionsTaken(): Record<string, number> {
    return { ...this.taken };
  }

  /** After a chain reset, nothing we sent exists any more. */
  clear(): void {
    this.pending.clear();
    this.nextNonce = undefined;
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

  /** Runs `work` after every earlier send of this account: nonces are serialized. */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Follows our transactions: logs the mined ones, forgets the replaced, the dropped and the
   * long-lost, and bumps the fees of those that stay unmined. Returns how many reverted (the caller
   * then reads the signer's role again).
   */
  refresh(blockNumber: bigint): Promise<{ reverted: number }> {
    if (this.pending.size === 0) return Promise.resolve({ reverted: 0 });
    return this.serialized(() => this.follow(blockNumber));
  }

  private async follow(blockNumber: bigint): Promise<{ reverted: number }> {
    const { client } = this.options;
    const entries = [...this.pending.values()];
    // The nonce first: a transaction mined between this read and the receipts is then not taken
    // for one replaced (its nonce moved, its receipt is found).
    const latestNonce = await client.getTransactionCount({ address: this.address, blockTag: "latest" });
    const [receipts, known] = await Promise.all([
      // Any of a bumped transaction's hashes may be the one mined.
      Promise.all(
        entries.map(async (p) => {
          const found = await Promise.all(
            p.hashes.map((hash) => client.getTransactionReceipt({ hash }).catch(notFound)),
          );
          return found.find((r) => r !== null) ?? null;
        }),
      ),
      // Mined or still in the mempool: eth_getTransactionByHash knows it.
      Promise.all(entries.map((p) => client.getTransaction({ hash: p.hash }).catch(notFound))),
    ]);
    let reverted = 0;
    const stuck: PendingAction<A>[] = [];
    for (const [i, entry] of entries.entries()) {
      const receipt = receipts[i];
      const what = `[block ${entry.decidedAt}] ${this.options.describe(entry.action)} → tx ${entry.hash}`;
      if (receipt) {
        if (!(await this.settled(entry, receipt))) reverted++;
      } else if (latestNonce > entry.nonce) {
        this.pending.delete(entry.hash);
        this.options.log(
          `${what} was replaced (its nonce ${entry.nonce} was used by another transaction); the next scan decides again`,
        );
      } else if (!known[i] && blockNumber > entry.sentAt) {
        // Neither mined nor waiting, a block after it was sent (a node may take a moment to show a
        // transaction it just accepted): a resend takes the same nonce, so at most one can be mined.
        this.pending.delete(entry.hash);
        this.nextNonce = undefined;
        this.options.log(`${what} was dropped from the mempool; the next scan decides again`);
      } else if (blockNumber - entry.decidedAt > FORGET_AFTER_BLOCKS) {
        this.pending.delete(entry.hash);
        this.nextNonce = undefined;
        this.options.log(`${what} not mined after ${FORGET_AFTER_BLOCKS} blocks; no longer waiting for it`);
      } else if (known[i] && blockNumber - entry.sentAt >= this.bumpRules.afterBlocks) {
        stuck.push(entry);
      }
    }
    for (const entry of stuck) await this.bumpFees(entry, blockNumber);
    return { reverted };
  }

  private get bumpRules(): BumpRules {
    return this.options.bump ?? DEFAULT_BUMP;
  }

  /**
   * Sends a transaction that stays unmined again, same nonce and call, with fees raised by at least
   * the bump percentage (and at least what the chain asks now): the node replaces it in its mempool.
   */
  private async bumpFees(entry: PendingAction<A>, blockNumber: bigint): Promise<void> {
    const rules = this.bumpRules;
    const what = `[block ${entry.decidedAt}] ${this.options.describe(entry.action)} → tx ${entry.hash}`;
    if (entry.bumps >= rules.maxBumps) return;
    const waited = blockNumber - entry.sentAt;
    try {
      // Only what would still succeed is paid for again.
      await this.simulate(entry.action);
    } catch (error) {
      this.options.log(
        `${what} not mined after ${waited} blocks, but it would fail now (${revertName(error) ?? failureReason(error)}): not bumping its fees`,
      );
      entry.bumps = rules.maxBumps;
      return;
    }
    const fees = raised(entry.fees, rules.percent, await this.currentFees());
    try {
      const hash = await this.options.wallet.writeContract({
        ...this.contractCall(entry.action),
        chain: this.options.chain,
        gas: entry.gas,
        nonce: entry.nonce,
        ...fees,
      } as never);
      this.pending.delete(entry.hash);
      const bumped: PendingAction<A> = {
        ...entry,
        hash,
        hashes: [...entry.hashes, hash],
        fees,
        sentAt: blockNumber,
        bumps: entry.bumps + 1,
      };
      this.pending.set(hash, bumped);
      this.bumpCount++;
      this.options.log(
        `${what} not mined after ${waited} blocks: fee bump ${bumped.bumps} (${describeFees(fees)}) → tx ${hash}`,
      );
    } catch (error) {
      // Mined meanwhile (nonce too low), or the node wants more: the next block looks again.
      this.options.log(`${what}: fee bump failed (${failureReason(error)}); looking again next block`);
      entry.sentAt = blockNumber;
      entry.bumps++;
    }
  }

  /** The fees to send with now: EIP-1559 where the chain has a base fee, else its gas price. */
  private async currentFees(): Promise<Fees> {
    const { client } = this.options;
    try {
      const { maxFeePerGas, maxPriorityFeePerGas } = await client.estimateFeesPerGas({
        type: "eip1559",
        chain: this.options.chain,
      } as never);
      return { maxFeePerGas, maxPriorityFeePerGas };
    } catch (error) {
      if (error instanceof BaseError && error.name === "Eip1559FeesNotSupportedError") {
        return { gasPrice: await client.getGasPrice() };
      }
      throw error;
    }
  }

  /** Logs a mined transaction of ours; returns whether it succeeded. */
  private async settled(entry: PendingAction<A>, receipt: TransactionReceipt): Promise<boolean> {
    const { action } = entry;
    const key = keyOf(action);
    const what = `[block ${entry.decidedAt}] ${this.options.describe(action)} → tx ${entry.hash}`;
    this.pending.delete(entry.hash);
    if (receipt.status === "success") {
      this.taken[action.kind] = (this.taken[action.kind] ?? 0) + 1;
      this.reverts.delete(key);
      this.options.log(`${what} (block ${receipt.blockNumber})`);
      return true;
    }
    // A receipt carries no revert reason: the same call now names it, if it still fails.
    const [state, nowFails] = await Promise.all([
      this.jobState(action.jobId),
      this.simulate(action).then(
        () => undefined,
        (error: unknown) => revertName(error) ?? failureReason(error),
      ),
    ]);
    const outcome = revertOutcome({
      stateNow: state,
      nowFails,
      benign: this.options.benign,
      gasUsed: receipt.gasUsed,
      gasLimit: entry.gas,
      earlierReverts: this.reverts.get(key) ?? 0,
    });
    if (outcome.counted) this.reverts.set(key, (this.reverts.get(key) ?? 0) + 1);
    this.failureCount++;
    if (outcome.giveUp) this.givenUp.add(key);
    const job = state === undefined ? "unknown" : jobStateName(state);
    this.options.log(
      `${what} reverted in block ${receipt.blockNumber} (${outcome.why}; job is now ${job}): ${outcome.next}`,
    );
    return false;
  }

  /** The job's state now; undefined for an action without a job, or when it cannot be read. */
  private async jobState(jobId: Hex | undefined): Promise<number | undefined> {
    if (jobId === undefined) return undefined;
    return this.options.client
      .readContract({
        address: this.options.market,
        abi: jobMarketAbi,
        functionName: "getJob",
        args: [jobId],
      })
      .then((job) => job.state)
      .catch(() => undefined);
  }

  private contractCall(action: A) {
    return {
      address: this.options.market,
      abi: jobMarketAbi,
      account: this.account,
      ...this.options.call(action),
    };
  }

  private simulate(action: A) {
    return this.options.client.simulateContract(this.contractCall(action) as never);
  }

  /** Simulates every action, then sends those that would succeed. Returns how many were sent. */
  async submit(actions: readonly A[], decidedAt: bigint): Promise<number> {
    const results = await this.submitEach(actions, decidedAt);
    return results.filter((r) => "hash" in r).length;
  }

  /** As submit, with what became of each action: its transaction's hash, or why it was not sent. */
  submitEach(actions: readonly A[], decidedAt: bigint): Promise<SubmitResult<A>[]> {
    if (actions.length === 0) return Promise.resolve([]);
    return this.serialized(() => this.send(actions, decidedAt));
  }

  private async send(actions: readonly A[], decidedAt: bigint): Promise<SubmitResult<A>[]> {
    const { client } = this.options;
    // Simulation and gas estimate of every action, the nonce and the fees, in one batched round trip.
    const [chainNonce, fees, ...checks] = await Promise.all([
      client.getTransactionCount({ address: this.address, blockTag: "pending" }),
      this.currentFees(),
      ...actions.map(async (action) => {
        try {
          const [, gas] = await Promise.all([
            this.simulate(action),
            client.estimateContractGas(this.contractCall(action) as never),
          ]);
          return { action, gas: gas as bigint };
        } catch (error) {
          return { action, error };
        }
      }),
    ]);

    // The chain's count of pending transactions, or ours when the node has not shown our last one yet.
    let next = Math.max(chainNonce, this.nextNonce ?? 0);
    const results: SubmitResult<A>[] = [];
    let stopped: string | undefined;
    for (const check of checks) {
      const { action } = check;
      if (stopped) {
        results.push({ action, error: stopped });
        continue;
      }
      if ("error" in check) {
        results.push({ action, error: this.sayFailure(decidedAt, action, check.error, "simulation") });
        continue;
      }
      try {
        const gas = this.options.gasLimit
          ? this.options.gasLimit(action, check.gas)
          : withGasMargin(check.gas);
        const hash = await this.options.wallet.writeContract({
          ...this.contractCall(action),
          chain: this.options.chain,
          gas,
          nonce: next,
          ...fees,
        } as never);
        this.pending.set(hash, {
          action,
          hash,
          hashes: [hash],
          nonce: next,
          gas,
          fees,
          decidedAt,
          sentAt: decidedAt,
          bumps: 0,
        });
        this.saidFailure.delete(keyOf(action));
        next++;
        this.nextNonce = next;
        results.push({ action, hash });
      } catch (error) {
        this.failureCount++;
        stopped = this.sayFailure(decidedAt, action, error, "sending");
        results.push({ action, error: stopped });
        // The nonce may or may not be used now: the next block starts again from the chain's count.
        this.nextNonce = undefined;
      }
    }
    return results;
  }

  /** Says once why an action was not sent; returns the reason. */
  private sayFailure(decidedAt: bigint, action: A, error: unknown, stage: string): string {
    const what = `[block ${decidedAt}] ${this.options.describe(action)}`;
    const name = revertName(error);
    if (name && this.options.benign.has(name)) {
      this.options.log(`${what}: no longer applies (${name}); not sent`);
      return name;
    }
    const reason = name ?? failureReason(error);
    const key = keyOf(action);
    if (this.saidFailure.get(key) === reason) return reason;
    this.saidFailure.set(key, reason);
    this.options.log(`${what}: ${stage} failed (${reason}); retrying next block`);
    return reason;
  }
}

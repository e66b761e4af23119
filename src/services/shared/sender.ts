// Sends a service's actions to the JobMarket: simulate (so nothing that would revert is sent), estimate
// gas with the protocol's margin, send with a locally counted nonce, then follow each transaction until
// it is mined, replaced or dropped. Reverts that only mean "someone else already did it" are benign, not
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
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import type { LogLine } from "./log.ts";
import { revertOutcome } from "./revert-outcome.ts";

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

/** One JobMarket call. */
export interface MarketCall {
  functionName: string;
  args: readonly unknown[];
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
}

/** What a service says about its actions. */
export interface ActionRules<A extends SendableAction> {
  /** The market call an action makes. */
  call(action: A): MarketCall;
  /** What the action does and why, without its outcome (the start of every line about it). */
  describe(action: A): string;
  /** Errors meaning the action no longer applies (the job moved on): said once, never counted. */
  benign: ReadonlySet<string>;
}

/** A transaction the sender sent and has not yet seen mined. Kept in memory only. */
export interface PendingAction<A> {
  action: A;
  hash: Hash;
  nonce: number;
  /** The gas limit it was sent with (a revert that used all of it ran out of gas). */
  gas: bigint;
  /** The block whose round decided it. */
  decidedAt: bigint;
}

/** In flight and given up on by this key: the job, or the kind of an action without one. */
const keyOf = (action: SendableAction): string => action.jobId ?? action.kind;

export interface SenderOptions<A extends SendableAction> extends ActionRules<A> {
  client: PublicClient;
  wallet: WalletClient;
  chain: Chain;
  market: Address;
  log: LogLine;
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
      const what = `[block ${entry.decidedAt}] ${this.options.describe(entry.action)} → tx ${entry.hash}`;
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
        (error: unknown) => revertName(error) ?? firstLine(error),
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
    if (actions.length === 0) return 0;
    const { client } = this.options;
    // Simulation and gas estimate of every action, and the nonce, in one batched round trip.
    const [nonce, ...checks] = await Promise.all([
      client.getTransactionCount({ address: this.address, blockTag: "pending" }),
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
          ...this.contractCall(action),
          chain: this.options.chain,
          gas,
          nonce: next,
        } as never);
        this.pending.set(hash, { action, hash, nonce: next, gas, decidedAt });
        this.saidFailure.delete(keyOf(action));
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

  private sayFailure(decidedAt: bigint, action: A, error: unknown, stage: string): void {
    const what = `[block ${decidedAt}] ${this.options.describe(action)}`;
    const name = revertName(error);
    if (name && this.options.benign.has(name)) {
      this.options.log(`${what}: no longer applies (${name}); not sent`);
      return;
    }
    const reason = name ?? firstLine(error);
    const key = keyOf(action);
    if (this.saidFailure.get(key) === reason) return;
    this.saidFailure.set(key, reason);
    this.options.log(`${what}: ${stage} failed (${reason}); retrying next block`);
  }
}

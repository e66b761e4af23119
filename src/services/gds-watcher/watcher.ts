// The watch loop: on every new block, one batched scan, the pure decision, then the actions. Every
// error of a round (RPC gone, node restarting) is retried with backoff; nothing is kept but what the
// chain can tell again, so stopping the process at any point loses nothing.
import type { Address, Chain, PublicClient, WalletClient } from "viem";
import { jobStateName } from "../../protocol/enums.ts";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import type { BackoffOptions } from "../shared/backoff.ts";
import type { LogLine } from "../shared/log.ts";
import { runRounds } from "../shared/rounds.ts";
import type { RpcCounter } from "../shared/rpc-counter.ts";
import { ActionSender } from "../shared/sender.ts";
import { watcherActions } from "./actions.ts";
import { countLateParticipants, decideActions } from "./decide.ts";
import { formatStatus } from "./log.ts";
import { type ReadMode, MarketScanner } from "./scan.ts";
import type { ChainSnapshot, WatcherAction } from "./types.ts";

export interface WatcherOptions {
  client: PublicClient;
  wallet: WalletClient;
  chain: Chain;
  market: Address;
  /** The JobMarketLens, for the "lens" read mode (the default when given). */
  lens?: Address;
  settleDelayBlocks: bigint;
  /** A status line every this many blocks (0: never). */
  statusEveryBlocks: bigint;
  pollMs: number;
  backoff: BackoffOptions;
  readMode?: ReadMode;
  counter?: RpcCounter;
  log: LogLine;
}

export interface TickResult {
  /** False when no new block arrived since the last tick. */
  newBlock: boolean;
  blockNumber: bigint;
  snapshot?: ChainSnapshot;
  sent: number;
}

export class GdsWatcher {
  private readonly scanner: MarketScanner;
  private readonly sender: ActionSender<WatcherAction>;
  private lastBlock: bigint | undefined;
  private lastStatusBlock: bigint | undefined;
  private signerIsGds: boolean | undefined;
  /** The role is read again at the next round (it may have changed); its line only if it did. */
  private roleStale = true;
  private waitingForEarlierRun = false;

  constructor(private readonly options: WatcherOptions) {
    this.scanner = new MarketScanner({
      client: options.client,
      market: options.market,
      lens: options.lens,
      readMode: options.readMode,
    });
    this.sender = new ActionSender({
      client: options.client,
      wallet: options.wallet,
      chain: options.chain,
      market: options.market,
      log: options.log,
      ...watcherActions,
    });
  }

  /** Scans read again because the node replaced the block under them. */
  get retriedReads(): number {
    return this.scanner.retriedReads;
  }

  get readMode(): ReadMode {
    return this.scanner.readMode;
  }

  get signer(): Address {
    return this.sender.address;
  }

  actionsTaken(): Record<string, number> {
    return this.sender.actionsTaken();
  }

  /** Whether the signer may settle aborts at once; read from the chain (roles can change). */
  private async readRole(): Promise<boolean> {
    const { client, market } = this.options;
    const role = await client.readContract({ address: market, abi: jobMarketAbi, functionName: "GDS_ROLE" });
    const has = await client.readContract({
      address: market,
      abi: jobMarketAbi,
      functionName: "hasRole",
      args: [role, this.signer],
    });
    if (has !== this.signerIsGds) {
      this.options.log(
        has
          ? `Watcher signs as ${this.signer}, which holds GDS_ROLE: it settles aborts ${this.options.settleDelayBlocks} block(s) after the report`
          : `Watcher signs as ${this.signer}, which does NOT hold GDS_ROLE: it reports timeouts, cancels expired orders and settles aborts only after their grace`,
      );
    }
    this.signerIsGds = has;
    this.roleStale = false;
    return has;
  }

  /** One round: nothing happens unless a new block arrived. */
  async tick(): Promise<TickResult> {
    const { client } = this.options;
    const started = performance.now();
    const before = this.options.counter?.counts();
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
    if (this.lastBlock !== undefined && blockNumber === this.lastBlock) {
      // A chain that mines only on demand (anvil) may not make another block for a long time:
      // our own transactions are followed on every poll, so their line is printed when they are mined.
      await this.followOwnTransactions(blockNumber);
      return { newBlock: false, blockNumber, sent: 0 };
    }
    if (this.lastBlock !== undefined && blockNumber < this.lastBlock) {
      this.options.log(
        `[block ${blockNumber}] the chain went back from block ${this.lastBlock}: starting over`,
      );
      this.scanner.reset();
      this.sender.clear();
      this.lastStatusBlock = undefined;
    }
    // Our own transactions first: a job whose settlement was just mined must not look open.
    await this.followOwnTransactions(blockNumber);
    const signerIsGds = this.roleStale ? await this.readRole() : this.signerIsGds!;
    const snapshot = await this.scanner.scan(blockNumber);
    const scanMs = Math.round(performance.now() - started);
    const scanCost = before && this.options.counter ? this.options.counter.since(before) : undefined;

    const actions = decideActions(snapshot, {
      settleDelayBlocks: this.options.settleDelayBlocks,
      signerIsGds,
      skipJobs: this.sender.skipJobs(),
    });
    let sent = 0;
    if (actions.length > 0) {
      const foreign = await this.sender.foreignInFlight();
      if (foreign > 0) {
        if (!this.waitingForEarlierRun) {
          this.options.log(
            `[block ${blockNumber}] ${foreign} transaction(s) of ${this.signer} sent by an earlier run (or another watcher with this key) are not mined yet: waiting for them before acting`,
          );
        }
        this.waitingForEarlierRun = true;
      } else {
        this.waitingForEarlierRun = false;
        sent = await this.sender.submit(actions, blockNumber);
      }
    }

    this.lastBlock = blockNumber;
    this.maybeStatus(snapshot, scanMs, scanCost?.httpRequests ?? 0, scanCost?.rpcCalls ?? 0);
    return { newBlock: true, blockNumber, snapshot, sent };
  }

  private async followOwnTransactions(blockNumber: bigint): Promise<void> {
    const { reverted } = await this.sender.refresh(blockNumber);
    // A revert may mean our GDS_ROLE was revoked (settling early is then refused): read it again.
    if (reverted > 0) this.roleStale = true;
  }

  private maybeStatus(snapshot: ChainSnapshot, scanMs: number, http: number, calls: number): void {
    const every = this.options.statusEveryBlocks;
    if (every <= 0n) return;
    const block = snapshot.blockNumber;
    if (this.lastStatusBlock !== undefined && block - this.lastStatusBlock < every) return;
    this.lastStatusBlock = block;
    const jobsByState: Record<string, number> = {};
    for (const job of snapshot.jobs) {
      const name = jobStateName(job.state);
      jobsByState[name] = (jobsByState[name] ?? 0) + 1;
    }
    this.options.log(
      formatStatus({
        blockNumber: block,
        jobsByState,
        lateParticipants: countLateParticipants(snapshot),
        inFlight: this.sender.inFlight(),
        givenUp: this.sender.givenUpJobs(),
        actionsTaken: this.sender.actionsTaken(),
        scanMs,
        scanHttpRequests: http,
        scanRpcCalls: calls,
      }),
    );
  }

  /** Polls until `signal` aborts; an RPC outage is retried with backoff and said once, with its end. */
  run(signal: AbortSignal): Promise<void> {
    return runRounds(() => this.tick().then(() => undefined), signal, {
      pollMs: this.options.pollMs,
      backoff: this.options.backoff,
      log: this.options.log,
      lastBlock: () => this.lastBlock,
      // Roles may have changed while we could not see.
      onBack: () => (this.roleStale = true),
    });
  }
}

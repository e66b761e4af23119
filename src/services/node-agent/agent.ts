// The node agent's loop and the answers of its HTTP API (docs/rules.md §13). It signs as one node:
// registers it and keeps its terms as configured, follows its jobs from the chain, heartbeats before
// any job could time it out, and sends the training side's progress: at most one transaction per
// job in flight, always the newest position. Nothing is kept but what the chain can tell again
// (the progress queue is in memory; after a restart `progress.onChain` says where to resume).
import {
  type Address,
  type Chain,
  erc20Abi,
  getAddress,
  type Hash,
  type Hex,
  isAddress,
  type PublicClient,
  type WalletClient,
  zeroAddress,
} from "viem";
import { isSettled, JobState, jobStateName, jobTypeName, Role, roleName } from "../../protocol/enums.ts";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { withGasMargin } from "../../protocol/gas.ts";
import { parseJobId, uuidOfJobId } from "../../protocol/jobId.ts";
import { previewSelfReport } from "../../protocol/money/index.ts";
import type { NodeView } from "../../protocol/views.ts";
import { type BackoffOptions, sleep } from "../shared/backoff.ts";
import { accountLabel, type LogLine, shortHex } from "../shared/log.ts";
import { runRounds } from "../shared/rounds.ts";
import { ActionSender, type BumpRules } from "../shared/sender.ts";
import { type AgentAction, agentActions, type TermsTuple } from "./actions.ts";
import { jobsNeedingHeartbeat, type LivenessFacts, nextHeartbeatAt } from "./heartbeat.ts";
import { JobTracker, type TrackedJob } from "./jobs.ts";
import { formatMetrics } from "./metrics.ts";
import {
  allowedTasks,
  checkPosition,
  comparePositions,
  kindOf,
  type Position,
  parsePosition,
  positionJson,
  samePosition,
} from "./position.ts";
import { type ChainPart, ProgressQueue } from "./queue.ts";

export interface AgentOptions {
  client: PublicClient;
  wallet: WalletClient;
  chain: Chain;
  market: Address;
  /** The role to register with; a node registered with another one makes the agent refuse to start. */
  role: number | undefined;
  /** Smallest units, used only to register. */
  stake: bigint | undefined;
  /** Terms as configured; undefined fields take the defaults of docs/rules.md §13. */
  terms: { accepting: boolean; gds?: Address; minFee?: bigint; maxCollateral?: bigint };
  autoChallenge: boolean;
  progressIntervalMs: number;
  statusEveryBlocks: bigint;
  pollMs: number;
  backoff: BackoffOptions;
  fromBlock: bigint;
  pageBlocks: bigint;
  bump?: BumpRules;
  log: LogLine;
  /** The clock for display-only throttling (tests). */
  now?: () => number;
}

/** An answer of the API: status code and JSON body. */
export interface Answer {
  code: number;
  body: unknown;
}

const refuse = (code: number, error: string): Answer => ({ code, body: { error } });
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const FAILURE_WAIT_MS = 30_000;

function sameTerms(a: TermsTuple | undefined, b: TermsTuple): boolean {
  return (
    !!a &&
    a.accepting === b.accepting &&
    same(a.gds, b.gds) &&
    a.minFee === b.minFee &&
    a.maxCollateral === b.maxCollateral
  );
}

export class NodeAgent {
  readonly sender: ActionSender<AgentAction>;
  readonly tracker: JobTracker;
  private readonly queues = new Map<Hex, ProgressQueue>();
  private node: NodeView | undefined;
  private head: bigint | undefined;
  private lastBlock: bigint | undefined;
  private lastStatusBlock: bigint | undefined;
  private roundDoneAt: bigint | undefined;
  private rpcUp = false;
  private ready = false;
  private readonly sent: Record<string, number> = {};
  private challenges = 0;
  /** Auto-challenges sent, by job, with the block: retried if the job is still Judged later. */
  private readonly challengedAt = new Map<Hex, bigint>();
  /** Failure reports waiting for their transaction's hash (POST /jobs/{id}/failure). */
  private readonly failureWaiters = new Map<Hex, (hash: Hash) => void>();
  private waitingForEarlierRun = false;
  /** The terms of the configuration, as decided at start: kept on chain while the agent runs. */
  private desiredTerms: TermsTuple | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain = false;
  private readonly now: () => number;

  constructor(private readonly options: AgentOptions) {
    this.sender = new ActionSender({
      client: options.client,
      wallet: options.wallet,
      chain: options.chain,
      market: options.market,
      log: options.log,
      bump: options.bump,
      ...agentActions,
    });
    this.tracker = new JobTracker({
      client: options.client,
      market: options.market,
      node: this.sender.address,
      fromBlock: options.fromBlock,
      pageBlocks: options.pageBlocks,
      log: options.log,
    });
    this.now = options.now ?? Date.now;
  }

  get address(): Address {
    return this.sender.address;
  }

  // ───────────────────────────── start ─────────────────────────────

  /**
   * Registers the node if it is not, with its terms first (docs/rules.md §11.9: never a window
   * without them), and re-sends the terms when the chain's differ from the configured ones.
   */
  async prepare(): Promise<void> {
    const { client, market, log } = this.options;
    const me = this.address;
    const node = await this.readNode();
    const want = this.options.role;
    if (node.role !== Role.None && want !== undefined && node.role !== want) {
      throw new Error(
        `${me} is registered as ${roleName(node.role)}, but FEDPAY_ROLE says ${roleName(want)}: refusing to start (one node, one role)`,
      );
    }
    if (node.role === Role.None && want === undefined) {
      throw new Error(`${me} is not registered: set FEDPAY_ROLE (do or mpc) and FEDPAY_STAKE to register it`);
    }
    if (node.role === Role.None && this.options.stake === undefined) {
      throw new Error(
        `${me} is not registered: set FEDPAY_STAKE (decimal units of the asset) to register it`,
      );
    }
    const stake = node.role === Role.None ? this.options.stake! : node.balance + node.locked;
    const terms: TermsTuple = {
      accepting: this.options.terms.accepting,
      gds: this.options.terms.gds ?? zeroAddress,
      minFee: this.options.terms.minFee ?? 0n,
      maxCollateral: this.options.terms.maxCollateral ?? stake,
    };
    this.desiredTerms = terms;
    const current = await client.readContract({
      address: market,
      abi: jobMarketAbi,
      functionName: "termsOf",
      args: [me],
    });
    const differs = !node.termsSet || !sameTerms(current, terms);
    if (differs) await this.confirm({ kind: "setNodeTerms", terms });
    else
      log(
        `Terms on chain match the configuration (maxCollateral ${terms.maxCollateral}, minFee ${terms.minFee})`,
      );

    if (node.role === Role.None) {
      const amount = this.options.stake!;
      const asset = await client.readContract({ address: market, abi: jobMarketAbi, functionName: "asset" });
      if (asset !== zeroAddress) await this.approve(asset, amount);
      await this.confirm({
        kind: "registerNode",
        role: want!,
        amount,
        value: asset === zeroAddress ? amount : 0n,
      });
      const after = await this.readNode();
      if (after.role !== want)
        throw new Error(`Registering ${me} as ${roleName(want!)} failed; see the line above`);
    } else {
      log(
        `${accountLabel(me)} is registered as ${roleName(node.role)}: stake ${node.balance} free, ${node.locked} locked`,
      );
    }
  }

  /** Exactly `amount` of allowance for the market (never unlimited; 0 first, as USDT wants). */
  private async approve(token: Address, amount: bigint): Promise<void> {
    const { client, wallet, chain, market, log } = this.options;
    const me = this.address;
    const allowance = await client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [me, market],
    });
    if (allowance === amount) return;
    for (const value of allowance === 0n ? [amount] : [0n, amount]) {
      const request = {
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [market, value],
        account: wallet.account!,
      } as const;
      const gas = await client.estimateContractGas(request);
      const hash = await wallet.writeContract({ ...request, chain, gas: withGasMargin(gas) });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`approve(${market}, ${value}) on ${token} reverted`);
      log(
        `approve ${value} of token ${accountLabel(token)} for the market → tx ${hash} (block ${receipt.blockNumber})`,
      );
    }
  }

  /** Sends one start-up action and waits until the sender has followed it to its end. */
  private async confirm(action: AgentAction): Promise<void> {
    const head = await this.options.client.getBlockNumber({ cacheTime: 0 });
    const [result] = await this.sender.submitEach([action], head);
    if (!result || "error" in result)
      throw new Error(`${agentActions.describe(action)}: ${result ? result.error : "not sent"}`);
    for (;;) {
      await sleep(Math.min(this.options.pollMs, 250));
      await this.sender.refresh(await this.options.client.getBlockNumber({ cacheTime: 0 }));
      if (this.sender.inFlight() === 0) return;
    }
  }

  private async readNode(): Promise<NodeView> {
    const { client, market } = this.options;
    this.node = await client.readContract({
      address: market,
      abi: jobMarketAbi,
      functionName: "getNode",
      args: [this.address],
    });
    return this.node;
  }

  // ───────────────────────────── the loop ─────────────────────────────

  /** One round now, or right after the one running (the API calls it after queueing). */
  kick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      try {
        do {
          this.tickAgain = false;
          await this.tick();
        } while (this.tickAgain);
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  private async tick(): Promise<void> {
    const { client } = this.options;
    let head: bigint;
    try {
      head = await client.getBlockNumber({ cacheTime: 0 });
    } catch (error) {
      this.rpcUp = false;
      throw error;
    }
    if (this.lastBlock !== undefined && head < this.lastBlock) {
      this.options.log(
        `[block ${head}] the chain went back from block ${this.lastBlock}: reading everything again`,
      );
      this.tracker.reset();
      this.sender.clear();
      this.queues.clear();
      this.lastStatusBlock = undefined;
      this.lastBlock = undefined;
    }
    await this.sender.refresh(head);
    if (head !== this.lastBlock) {
      await Promise.all([this.readNode(), this.tracker.scan(head)]);
    }
    this.head = head;
    this.rpcUp = true;
    const newBlock = head !== this.lastBlock;
    this.lastBlock = head;
    await this.act(head);
    if (newBlock) this.maybeStatus(head);
    this.roundDoneAt = head;
  }

  /** The head of the last round that ran to its end (read, decided, sent): for tests and benchmarks. */
  get lastRoundBlock(): bigint | undefined {
    return this.roundDoneAt;
  }

  private chainPart(t: TrackedJob | undefined): ChainPart {
    const mine = t?.mine;
    return {
      lastStatus: mine?.reported ? mine.lastStatus : undefined,
      completedEpochs: mine?.completedEpochs ?? 0,
      partComplete: mine?.partComplete ?? false,
      failed: mine?.failed ?? false,
    };
  }

  /** Brings each queue in line with the chain, then sends what is due. */
  private async act(head: bigint): Promise<void> {
    const inFlight = this.sender.inFlightKeys();
    const actions: AgentAction[] = [];
    for (const [id, queue] of this.queues) {
      const t = this.tracker.jobs.get(id);
      if (queue.inFlight && !inFlight.has(id)) queue.landed(this.chainPart(t));
      else queue.sync(this.chainPart(t));
      if (t && t.job.state !== JobState.Dispatched) {
        const dropped = queue.clear();
        if (dropped > 0) {
          this.options.log(
            `[block ${head}] job ${shortHex(id)} is ${jobStateName(t.job.state)}: ${dropped} queued position(s) dropped (the chain takes no more updates)`,
          );
        }
        continue;
      }
      const next = queue.next(this.now(), this.options.progressIntervalMs);
      if (next && t?.mine && !inFlight.has(id) && !this.sender.skipJobs().has(id)) {
        actions.push({ kind: "updateJobStatus", jobId: id, position: next, participants: t.parts.length });
      }
    }

    const updating = new Set([...inFlight, ...actions.map((a) => a.jobId ?? "")]);
    const due = jobsNeedingHeartbeat(head, this.liveness(updating));
    if (due.length > 0 && !inFlight.has("heartbeat")) {
      const dueSince = due.reduce((min, j) => {
        const at =
          j.lastSeen + BigInt(j.timeoutBlocks) - BigInt(Math.max(1, Math.floor(j.timeoutBlocks / 4)));
        return at < min ? at : min;
      }, head);
      actions.push({ kind: "heartbeat", jobs: due.length, dueSince });
    }

    // Terms changed on chain meanwhile (another tool, the dApp): back to the configuration's.
    const node = this.node;
    const terms = this.desiredTerms;
    if (
      node &&
      terms &&
      !inFlight.has("setNodeTerms") &&
      !sameTerms(node.termsSet ? node.terms : undefined, terms)
    ) {
      actions.push({ kind: "setNodeTerms", terms });
    }

    if (this.options.autoChallenge) {
      for (const t of this.tracker.jobs.values()) {
        if (t.job.state !== JobState.Judged || !t.mine?.named || head >= t.job.challengeDeadline) continue;
        const key = `${t.id}:challenge`;
        const at = this.challengedAt.get(t.id);
        if (inFlight.has(key) || (at !== undefined && head < at + 5n)) continue;
        actions.push({ kind: "challengeJudgement", jobId: t.id, key, auto: true });
      }
    }
    if (actions.length === 0) return;

    const foreign = await this.sender.foreignInFlight();
    if (foreign > 0) {
      if (!this.waitingForEarlierRun) {
        this.options.log(
          `[block ${head}] ${foreign} transaction(s) of ${this.address} sent by an earlier run (or another agent with this key) are not mined yet: waiting for them before acting`,
        );
      }
      this.waitingForEarlierRun = true;
      return;
    }
    this.waitingForEarlierRun = false;
    const results = await this.sender.submitEach(actions, head);
    for (const result of results) {
      const { action } = result;
      if ("hash" in result) this.sent[action.kind] = (this.sent[action.kind] ?? 0) + 1;
      if (action.kind === "challengeJudgement") {
        this.challengedAt.set(action.jobId, head);
        if ("hash" in result) this.challenges++;
      }
      if (action.kind !== "updateJobStatus") continue;
      const queue = this.queues.get(action.jobId)!;
      if ("hash" in result) {
        queue.sent(action.position, this.now());
        if (kindOf(action.position) === "failed") {
          this.failureWaiters.get(action.jobId)?.(result.hash);
          this.failureWaiters.delete(action.jobId);
        }
      } else if (agentActions.benign.has(result.error)) {
        // The chain will not take it (passed, finished, no longer Dispatched): the next sync says what is left.
        queue.sync(this.chainPart(this.tracker.jobs.get(action.jobId)));
      }
    }
  }

  private liveness(updating: Set<string>): LivenessFacts[] {
    return [...this.tracker.jobs.values()].map((t) => ({
      id: t.id,
      timeoutBlocks: t.job.params.timeoutBlocks,
      lastSeen: t.mine?.lastSeen ?? 0n,
      exposed: t.job.state === JobState.Dispatched && !!t.mine && !t.mine.partComplete && !t.mine.failed,
      updateInFlight: updating.has(t.id),
    }));
  }

  private maybeStatus(head: bigint): void {
    const every = this.options.statusEveryBlocks;
    if (every <= 0n) return;
    if (this.lastStatusBlock !== undefined && head - this.lastStatusBlock < every) return;
    this.lastStatusBlock = head;
    const byState: Record<string, number> = {};
    for (const t of this.tracker.jobs.values()) {
      const name = jobStateName(t.job.state);
      byState[name] = (byState[name] ?? 0) + 1;
    }
    const states =
      Object.entries(byState)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ") || "none";
    const queued = [...this.queues.values()].reduce((n, q) => n + q.queued().length, 0);
    const next = nextHeartbeatAt(this.liveness(new Set()));
    const taken =
      Object.entries(this.sender.actionsTaken())
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "none";
    this.options.log(
      `[block ${head}] status: jobs ${states}; last heartbeat block ${this.node?.lastHeartbeat ?? 0n}` +
        `${next !== undefined ? `, next due at block ${next}` : ""}; in flight ${this.sender.inFlight()}, queued ${queued}; ` +
        `mined ${taken}; failures ${this.sender.failures()}, fee bumps ${this.sender.feeBumps()}`,
    );
  }

  /** Polls until `signal` aborts; the RPC going away is retried with backoff and said once, with its end. */
  run(signal: AbortSignal): Promise<void> {
    const round = async () => {
      if (!this.ready) {
        await this.prepare();
        this.ready = true;
      }
      await this.kick();
    };
    return runRounds(round, signal, {
      pollMs: this.options.pollMs,
      backoff: this.options.backoff,
      log: this.options.log,
      lastBlock: () => this.lastBlock,
      isFatal: (reason) => reason.includes("refusing to start") || reason.includes("is not registered:"),
      onFailed: () => (this.rpcUp = false),
    });
  }

  // ───────────────────────────── the API's answers ─────────────────────────────

  health(): Answer {
    return {
      code: 200,
      body: {
        ok: this.rpcUp && this.ready,
        block: this.head?.toString() ?? null,
        node: this.address,
        registered: this.node ? this.node.role !== Role.None : null,
      },
    };
  }

  listJobs(activeOnly: boolean): Answer {
    const jobs = [...this.tracker.jobs.values()]
      .filter((t) => !activeOnly || !isSettled(t.job.state))
      .sort((a, b) => Number(b.job.orderedAt - a.job.orderedAt))
      .map((t) => this.jobJson(t));
    return { code: 200, body: { node: this.address, block: this.head?.toString() ?? null, jobs } };
  }

  private jobJson(t: TrackedJob) {
    const { job, mine } = t;
    const queue = this.queues.get(t.id);
    const next = this.nextOf(t);
    return {
      id: t.id,
      uuid: uuidOfJobId(t.id),
      state: jobStateName(job.state),
      jobType: jobTypeName(job.jobType),
      role: roleName(mine?.role ?? this.node?.role ?? 0),
      totalEpochs: job.totalEpochs,
      fee: mine?.fee.toString() ?? null,
      collateral: job.collateral.toString(),
      timeoutBlocks: job.params.timeoutBlocks,
      progress: {
        onChain: mine?.reported ? positionJson(mine.lastStatus) : null,
        completedEpochs: mine?.completedEpochs ?? 0,
        partComplete: mine?.partComplete ?? false,
        failed: mine?.failed ?? false,
        timedOut: mine?.timedOut ?? false,
        lastSeen: mine?.lastSeen.toString() ?? null,
        inFlight: queue?.inFlight ? positionJson(queue.inFlight) : null,
        queued: queue?.queued().map(positionJson) ?? [],
      },
      next: next.next,
      nextDetail: next.detail,
      ...(next.deadline !== undefined ? { challengeDeadline: next.deadline.toString() } : {}),
    };
  }

  private nextOf(t: TrackedJob): {
    next: "wait" | "report" | "challenge" | "none";
    detail: string;
    deadline?: bigint;
  } {
    const { job, mine } = t;
    switch (job.state) {
      case JobState.Ordered:
        return {
          next: "wait",
          detail: "Ordered: waiting for the QC's payment and the MPCs before dispatch.",
        };
      case JobState.Dispatched: {
        if (!mine) return { next: "none", detail: "This node is no longer a participant (replaced)." };
        if (mine.partComplete)
          return {
            next: "none",
            detail: "This node's part is complete; the job completes when the others finish.",
          };
        if (mine.failed) return { next: "none", detail: "This node reported its own failure." };
        const queue = this.queues.get(t.id);
        if (queue?.newest && kindOf(queue.newest) === "failed")
          return { next: "none", detail: "Own failure queued." };
        const tasks = allowedTasks(this.partFacts(t)).map((x) => ["Training", "PSI", "Aggregation"][x]);
        const from = mine.reported
          ? `; on chain: ${JSON.stringify(positionJson(mine.lastStatus))}`
          : "; nothing reported yet";
        return { next: "report", detail: `Report ${tasks.join(" or ")} progress${from}.` };
      }
      case JobState.Aborting:
        return {
          next: "wait",
          detail: "Aborting: stop work; the GDS (or anyone after the grace) settles the job.",
        };
      case JobState.Judged:
        if (mine?.named && this.head !== undefined && this.head < job.challengeDeadline) {
          return {
            next: "challenge",
            detail: `Judged non-compliant with this node named: challenge before block ${job.challengeDeadline}.`,
            deadline: job.challengeDeadline,
          };
        }
        return { next: "wait", detail: "Judged: the judgement settles after its challenge window." };
      case JobState.Challenged:
        return {
          next: "wait",
          detail: `Challenged: the arbiter rules before block ${job.arbitrationDeadline}.`,
        };
      default:
        return { next: "none", detail: `${jobStateName(job.state)}: settled.` };
    }
  }

  private partFacts(t: TrackedJob) {
    const newest = this.newestOf(t);
    const psiDone = !!newest && (newest.taskType !== 1 || kindOf(newest) === "psiEnd");
    return {
      jobType: t.job.jobType,
      role: t.mine?.role ?? this.node?.role ?? 0,
      totalEpochs: t.job.totalEpochs,
      psiDone,
    };
  }

  /** The newest accepted position: queued or in flight here, or on chain, whichever is further. */
  private newestOf(t: TrackedJob): Position | undefined {
    const chain = t.mine?.reported ? t.mine.lastStatus : undefined;
    const queued = this.queues.get(t.id)?.newest;
    if (!chain) return queued;
    if (!queued) return chain;
    return comparePositions(queued, chain) >= 0 ? queued : chain;
  }

  /** The job a request names, or the answer refusing it. */
  private async jobOf(raw: string): Promise<TrackedJob | Answer> {
    const parsed = parseJobId(decodeURIComponent(raw));
    if (!parsed.ok) return refuse(400, parsed.error);
    if (this.head === undefined)
      return refuse(409, "The agent has not read the chain yet; try again in a moment.");
    let t = await this.tracker.lookup(parsed.value, this.head);
    if (!t) return refuse(404, `Job ${parsed.value} is not a job of this node (${this.address}).`);
    // Between two blocks of ours the job may have moved on (dispatched, judged): read it again.
    if (t.job.state !== JobState.Dispatched && !isSettled(t.job.state))
      t = await this.tracker.reread(t.id, this.head);
    return t;
  }

  /** The job must be Dispatched with this node's part still open. */
  private openPart(t: TrackedJob): Answer | undefined {
    if (t.job.state !== JobState.Dispatched) {
      return refuse(
        409,
        `The job is ${jobStateName(t.job.state)}, not Dispatched: it takes no updates from this node.`,
      );
    }
    if (!t.mine) return refuse(409, "This node is no longer a participant of the job (it was replaced).");
    if (t.mine.partComplete) return refuse(409, "This node's part of the job is already complete.");
    if (t.mine.failed) return refuse(409, "This node already reported its own failure in this job.");
    const newest = this.queues.get(t.id)?.newest;
    if (newest && kindOf(newest) === "failed")
      return refuse(409, "This node's own failure is already queued for this job.");
    if (newest && kindOf(newest) === "final")
      return refuse(409, "This node's final completion is already queued for this job.");
    return undefined;
  }

  async postProgress(rawId: string, body: unknown): Promise<Answer> {
    const t = await this.jobOf(rawId);
    if ("code" in t) return t;
    const parsed = parsePosition(body);
    if (!parsed.ok) return refuse(parsed.code, parsed.error);
    const closed = this.openPart(t);
    if (closed) return closed;
    const newest = this.newestOf(t);
    const checked = checkPosition(parsed.value, this.partFacts(t), newest);
    if (!checked.ok) return refuse(checked.code, checked.error);
    const p = checked.value;
    let queue = this.queues.get(t.id);
    const chain = t.mine!.reported ? t.mine!.lastStatus : undefined;
    const nothingPending = !queue || (queue.queued().length === 0 && !queue.inFlight);
    if (chain && samePosition(p, chain) && nothingPending) {
      return { code: 202, body: { queued: false, onChain: positionJson(chain) } };
    }
    if (!queue) {
      queue = new ProgressQueue();
      this.queues.set(t.id, queue);
    }
    const replaced = queue.add(p);
    void this.kick().catch(() => undefined);
    return {
      code: 202,
      body: { queued: true, ...(replaced ? { coalescedWith: positionJson(replaced) } : {}) },
    };
  }

  async reportFailure(rawId: string): Promise<Answer> {
    const t = await this.jobOf(rawId);
    if ("code" in t) return t;
    const closed = this.openPart(t);
    if (closed) return closed;
    const me = this.address;
    const outcome = previewSelfReport(t.job, t.parts, me);
    const fine = outcome?.fines.find((f) => same(f.account, me))?.amount ?? 0n;
    const newest = this.newestOf(t);
    const facts = this.partFacts(t);
    const failed: Position = {
      taskType: allowedTasks(facts)[0]!,
      epoch:
        newest && newest.epoch !== 0xffffffff && newest.taskType === allowedTasks(facts)[0]
          ? newest.epoch
          : 0,
      batch: 0,
      status: 3,
    };
    let queue = this.queues.get(t.id);
    if (!queue) {
      queue = new ProgressQueue();
      this.queues.set(t.id, queue);
    }
    const hash = new Promise<Hash | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), FAILURE_WAIT_MS);
      this.failureWaiters.set(t.id, (h) => {
        clearTimeout(timer);
        resolve(h);
      });
    });
    queue.add(failed);
    this.options.log(
      `[block ${this.head}] job ${shortHex(t.id)}: own failure reported through the API; ` +
        (outcome ? `expected fine ${fine}` : "a Horizontal MPC's failure is a replacement request (no fine)"),
    );
    void this.kick().catch(() => undefined);
    const txHash = await hash;
    return {
      code: 202,
      body: {
        txHash: txHash ?? null,
        fine: fine.toString(),
        ...(outcome ? {} : { replacementRequest: true }),
        ...(txHash ? {} : { queued: true }),
      },
    };
  }

  async requestReplacement(rawId: string, body: unknown): Promise<Answer> {
    const t = await this.jobOf(rawId);
    if ("code" in t) return t;
    const mpc = (body as { mpc?: unknown } | null)?.mpc;
    if (typeof mpc !== "string" || !isAddress(mpc))
      return refuse(400, 'The body must be { "mpc": "0x…" } with the MPC\'s address.');
    if ((t.mine?.role ?? this.node?.role) !== Role.DO)
      return refuse(400, "Only a DO of the job asks for an MPC replacement.");
    if (t.job.state !== JobState.Dispatched)
      return refuse(409, `The job is ${jobStateName(t.job.state)}, not Dispatched.`);
    const target = t.parts.find((p) => p.role === Role.MPC && same(p.account, mpc));
    if (!target) return refuse(400, `${getAddress(mpc)} is not a current MPC of this job.`);
    if (target.partComplete)
      return refuse(409, `MPC ${getAddress(mpc)} has completed its part: it cannot be replaced.`);
    return this.sendNow({
      kind: "requestMpcReplacement",
      jobId: t.id,
      key: `${t.id}:replacement`,
      mpc: getAddress(mpc),
    });
  }

  async challenge(rawId: string): Promise<Answer> {
    const t = await this.jobOf(rawId);
    if ("code" in t) return t;
    if (t.job.state !== JobState.Judged)
      return refuse(
        409,
        `The job is ${jobStateName(t.job.state)}, not Judged: there is nothing to challenge.`,
      );
    if (!t.mine?.named)
      return refuse(409, "This node is not named in the judgement: only a named participant may challenge.");
    if (this.head! >= t.job.challengeDeadline)
      return refuse(409, `The challenge window closed at block ${t.job.challengeDeadline}.`);
    return this.sendNow({ kind: "challengeJudgement", jobId: t.id, key: `${t.id}:challenge`, auto: false });
  }

  /** Sends one API-asked action at once (simulated first: a refusal sends nothing). */
  private async sendNow(action: AgentAction): Promise<Answer> {
    if (this.sender.inFlightKeys().has(action.key!))
      return refuse(409, "The same request is already in flight.");
    const [result] = await this.sender.submitEach([action], this.head!);
    if (!result || "error" in result) return refuse(409, `Not sent: ${result?.error ?? "unknown"}.`);
    this.sent[action.kind] = (this.sent[action.kind] ?? 0) + 1;
    if (action.kind === "challengeJudgement") {
      this.challenges++;
      this.challengedAt.set(action.jobId, this.head!);
    }
    return { code: 202, body: { txHash: result.hash } };
  }

  metrics(): string {
    const byState: Record<string, number> = {};
    for (const t of this.tracker.jobs.values()) {
      const name = jobStateName(t.job.state);
      byState[name] = (byState[name] ?? 0) + 1;
    }
    const queues = [...this.queues.values()];
    return formatMetrics({
      block: this.head,
      rpcUp: this.rpcUp,
      registered: this.node ? this.node.role !== Role.None : false,
      jobsByState: byState,
      lastHeartbeatBlock: this.node?.lastHeartbeat,
      sentByKind: this.sent,
      minedByKind: this.sender.actionsTaken(),
      failures: this.sender.failures(),
      feeBumps: this.sender.feeBumps(),
      inFlight: this.sender.inFlight(),
      queued: queues.reduce((n, q) => n + q.queued().length, 0),
      coalesced: queues.reduce((n, q) => n + q.coalesced, 0),
      autoChallenge: this.options.autoChallenge,
      challenges: this.challenges,
    });
  }
}

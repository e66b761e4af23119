// The node's jobs, from the chain only (docs/rules.md §13): found from CollateralLocked events
// filtered on the node (from the deployment block, in bounded pages at start, then block by block),
// each open job's views read again on every new block, and one line per event that concerns the
// node (dispatch, replacement, abort, judgement, settlement, its fines and rewards).
import { type Address, decodeEventLog, type Hex, type Log, pad, type PublicClient } from "viem";
import { isSettled, jobStateName } from "../../protocol/enums.ts";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { accountLabel, type LogLine, shortHex } from "../shared/log.ts";
import { revertName } from "../shared/sender.ts";

export interface TrackedJob {
  id: Hex;
  job: JobView;
  /** getProgress: DOs first, then the current MPCs. */
  parts: readonly ParticipantView[];
  /** This node's entry; undefined once it is no longer a participant (an MPC replaced). */
  mine: ParticipantView | undefined;
  /** The block of the latest read. */
  readAt: bigint;
}

export interface TrackerOptions {
  client: PublicClient;
  market: Address;
  node: Address;
  /** Where the search for the node's jobs starts: the market's deployment block. */
  fromBlock: bigint;
  pageBlocks: bigint;
  log: LogLine;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class JobTracker {
  readonly jobs = new Map<Hex, TrackedJob>();
  private scannedTo: bigint | undefined;
  /** Events up to this block were history at start: summarized, not one line each. */
  private liveFrom: bigint | undefined;

  constructor(private readonly options: TrackerOptions) {}

  /** After a chain reset: everything is read again from the start. */
  reset(): void {
    this.jobs.clear();
    this.scannedTo = undefined;
    this.liveFrom = undefined;
  }

  get caughtUp(): boolean {
    return this.scannedTo !== undefined;
  }

  /** New events up to `head`, then the views of every job not yet settled. */
  async scan(head: bigint): Promise<void> {
    const { pageBlocks, fromBlock } = this.options;
    const first = this.scannedTo === undefined;
    this.liveFrom ??= head + 1n;
    let from = this.scannedTo === undefined ? fromBlock : this.scannedTo + 1n;
    while (from <= head) {
      const to = from + pageBlocks - 1n < head ? from + pageBlocks - 1n : head;
      await this.scanPage(from, to);
      this.scannedTo = to;
      from = to + 1n;
    }
    this.scannedTo ??= head;
    await this.readOpen(head);
    if (first) {
      const open = [...this.jobs.values()].filter((j) => !isSettled(j.job.state)).length;
      this.options.log(
        `[block ${head}] found ${this.jobs.size} job(s) of this node since block ${fromBlock} (${open} not settled)`,
      );
    }
  }

  private async scanPage(from: bigint, to: bigint): Promise<void> {
    const { client, market, node } = this.options;
    const watched = [...this.jobs.values()].filter((j) => !isSettled(j.job.state)).map((j) => j.id);
    const [locked, jobLogs] = await Promise.all([
      client.getContractEvents({
        address: market,
        abi: jobMarketAbi,
        eventName: "CollateralLocked",
        args: { node },
        fromBlock: from,
        toBlock: to,
      }),
      watched.length === 0
        ? Promise.resolve([] as Log[])
        : (client.request({
            method: "eth_getLogs",
            params: [
              {
                address: market,
                fromBlock: `0x${from.toString(16)}`,
                toBlock: `0x${to.toString(16)}`,
                // Every job event has the job id as its first indexed argument.
                topics: [null, watched.map((id) => pad(id, { dir: "right", size: 32 }))],
              },
            ],
          } as never) as Promise<Log[]>),
    ]);
    const added = new Set<Hex>();
    for (const log of locked) {
      const id = log.args.id!;
      if (!this.jobs.has(id) && !added.has(id)) added.add(id);
    }
    if (added.size > 0) await Promise.all([...added].map((id) => this.read(id, to)));
    const live = (block: bigint | null) =>
      block !== null && this.liveFrom !== undefined && block >= this.liveFrom;
    for (const log of locked) {
      if (live(log.blockNumber)) {
        this.options.log(
          `[block ${log.blockNumber}] job ${shortHex(log.args.id!)}: collateral ${log.args.amount} locked (ordered by the GDS)`,
        );
      }
    }
    for (const log of jobLogs) {
      if (live(log.blockNumber === null ? null : BigInt(log.blockNumber))) this.sayEvent(log);
    }
  }

  /** One line for an event of one of the node's jobs, when it concerns the node. */
  private sayEvent(raw: Log): void {
    let event: { eventName: string; args: Record<string, unknown> };
    try {
      event = decodeEventLog({ abi: jobMarketAbi, data: raw.data, topics: raw.topics }) as never;
    } catch {
      return;
    }
    const a = event.args;
    const me = this.options.node;
    const job = `job ${shortHex(a.id as Hex)}`;
    const at = `[block ${BigInt(raw.blockNumber ?? 0)}]`;
    const say = (text: string) => this.options.log(`${at} ${job}: ${text}`);
    switch (event.eventName) {
      case "JobDispatched":
        return say("dispatched: report progress (and heartbeat) from now on");
      case "MpcReplacementRequested":
        return say(
          `replacement of MPC ${accountLabel(a.mpc as Address)} requested by ${accountLabel(a.requester as Address)}`,
        );
      case "MpcReplaced":
        return say(
          same(a.oldMpc as string, me)
            ? `this node was replaced by MPC ${accountLabel(a.newMpc as Address)}: its part is over, its collateral unlocked`
            : `MPC ${accountLabel(a.oldMpc as Address)} replaced by ${accountLabel(a.newMpc as Address)}`,
        );
      case "JobAborting":
        return say(
          `aborting: ${accountLabel(a.reporter as Address)} reported its own failure; updates are refused now`,
        );
      case "JobJudged": {
        const named = (a.offenders as Address[]).some((o) => same(o, me));
        return say(
          `judged non-compliant by the GDS${named ? " — THIS NODE is named" : ""}; challenge deadline block ${a.challengeDeadline}`,
        );
      }
      case "JudgementChallenged":
        return say(`judgement challenged by ${accountLabel(a.challenger as Address)}: under arbitration`);
      case "ChallengeResolved":
        return say(
          `arbiter ruled: upheld ${(a.upheld as Address[]).map(accountLabel).join(", ") || "nobody"}`,
        );
      case "JobSettled":
        return say(`settled as ${jobStateName(Number(a.finalState))}`);
      case "Fined":
        if (same(a.offender as string, me)) say(`this node was fined ${a.amount}`);
        return;
      case "RewardDistributed": {
        const recipients = a.recipients as Address[];
        const amounts = a.amounts as bigint[];
        const mine = recipients.reduce((sum, r, i) => (same(r, me) ? sum + amounts[i]! : sum), 0n);
        if (mine > 0n) say(`this node was credited ${mine}`);
        return;
      }
      case "CollateralReleased":
        if (same(a.node as string, me)) say(`collateral ${a.amount} unlocked`);
        return;
    }
  }

  /** The views of every job that is not settled yet (a settled one was read once when it settled). */
  private async readOpen(head: bigint): Promise<void> {
    const open = [...this.jobs.values()].filter((j) => !isSettled(j.job.state) && j.readAt < head);
    await Promise.all(open.map((j) => this.read(j.id, head)));
  }

  /** Reads one job again now (an API request found it in a state the chain may have left). */
  reread(id: Hex, at: bigint): Promise<TrackedJob> {
    return this.read(id, at);
  }

  private async read(id: Hex, at: bigint): Promise<TrackedJob> {
    const { client, market, node } = this.options;
    const contract = { address: market, abi: jobMarketAbi } as const;
    const [job, parts] = await Promise.all([
      client.readContract({ ...contract, functionName: "getJob", args: [id] }),
      client.readContract({ ...contract, functionName: "getProgress", args: [id] }),
    ]);
    const tracked: TrackedJob = {
      id,
      job,
      parts,
      mine: parts.find((p) => same(p.account, node)),
      readAt: at,
    };
    this.jobs.set(id, tracked);
    return tracked;
  }

  /**
   * A job a request names: known, or looked up on chain. Undefined when there is no such job or
   * the node never took part in it.
   */
  async lookup(id: Hex, head: bigint): Promise<TrackedJob | undefined> {
    const known = this.jobs.get(id);
    if (known) return known;
    const { client, market, node } = this.options;
    // An id the market never saw reverts (JobMarketUnknownJob): not this node's job either.
    const job = await client
      .readContract({ address: market, abi: jobMarketAbi, functionName: "getJob", args: [id] })
      .catch((error: unknown) => {
        if (revertName(error) === "JobMarketUnknownJob") return undefined;
        throw error;
      });
    if (!job || job.state === 0) return undefined;
    const parts = await client.readContract({
      address: market,
      abi: jobMarketAbi,
      functionName: "getProgress",
      args: [id],
    });
    const mine = parts.find((p) => same(p.account, node));
    if (!mine) return undefined;
    const tracked: TrackedJob = { id, job, parts, mine, readAt: head };
    this.jobs.set(id, tracked);
    return tracked;
  }
}

// One scan of the market: every unfinished job with its state, deadlines and (when Dispatched) the
// contract's liveness verdict per participant, read in as few round trips as possible.
//
// Reads are batched: by default through a deployless Multicall3 (viem sends its bytecode inside
// eth_call, so no contract needs to be deployed: anvil has none), chunked by calldata size, and the
// chunks themselves travel in one JSON-RPC batch when the transport batches. "rpc-batch" skips the
// multicall and sends one eth_call per view, all in one HTTP batch.
//
// What is cached in memory is only what the chain can never change: job ids by index (the list is
// append-only) and which jobs reached a final state. A chain reset (jobCount going down) clears it.
import type { Address, Hex, PublicClient } from "viem";
import { jobMarketAbi } from "../../src/generated/abis.ts";
import {
  type ChainSnapshot,
  isFinalState,
  JobState,
  type JobSnapshot,
  type ParticipantSnapshot,
} from "./types.ts";

export type ReadMode = "multicall" | "rpc-batch";

export interface ScannerOptions {
  client: PublicClient;
  market: Address;
  readMode?: ReadMode;
  /** Calldata bytes per multicall chunk: ~36 bytes per view call, so 7,200 is about 200 calls. */
  multicallChunkBytes?: number;
}

interface ViewCall {
  functionName: "jobCount" | "jobIdAt" | "getJob" | "getProgress";
  args: readonly unknown[];
}

type JobView = {
  state: number;
  orderedAt: bigint;
  abortedAt: bigint;
  params: { timeoutBlocks: number; orderExpiryBlocks: number; abortGraceBlocks: number };
};
type ParticipantView = { account: Address; role: number; lastSeen: bigint; timedOut: boolean };

export class ChainResetError extends Error {}

export class MarketScanner {
  private readonly client: PublicClient;
  private readonly market: Address;
  private readonly readMode: ReadMode;
  private readonly chunkBytes: number;
  /** jobIdAt(i) for every index read so far. */
  private ids: Hex[] = [];
  /** Last state seen of every unfinished job, in index order. */
  private open = new Map<Hex, number>();

  constructor(options: ScannerOptions) {
    this.client = options.client;
    this.market = options.market;
    this.readMode = options.readMode ?? "multicall";
    this.chunkBytes = options.multicallChunkBytes ?? 7_200;
  }

  /** Forget everything (after a chain reset). */
  reset(): void {
    this.ids = [];
    this.open.clear();
  }

  async scan(blockNumber: bigint): Promise<ChainSnapshot> {
    try {
      return await this.scanOnce(blockNumber);
    } catch (error) {
      if (!(error instanceof ChainResetError)) throw error;
      this.reset();
      return this.scanOnce(blockNumber);
    }
  }

  private async scanOnce(blockNumber: bigint): Promise<ChainSnapshot> {
    // Round 1: the job count and every open job (with participants where it was Dispatched).
    const known = [...this.open.entries()];
    const withProgress = (state: number) => state === JobState.Dispatched;
    const round1: ViewCall[] = [{ functionName: "jobCount", args: [] }];
    for (const [id, state] of known) {
      round1.push({ functionName: "getJob", args: [id] });
      if (withProgress(state)) round1.push({ functionName: "getProgress", args: [id] });
    }
    const results1 = await this.read(round1);
    const jobCount = Number(results1[0] as bigint);
    if (jobCount < this.ids.length) throw new ChainResetError(`jobCount fell to ${jobCount}`);

    const jobs = new Map<Hex, JobSnapshot>();
    const needProgress: Hex[] = [];
    let cursor = 1;
    for (const [id, state] of known) {
      const view = results1[cursor++] as JobView;
      const progress = withProgress(state) ? (results1[cursor++] as ParticipantView[]) : undefined;
      if (view.state === JobState.None) throw new ChainResetError(`job ${id} no longer exists`);
      jobs.set(id, toSnapshot(id, view, progress));
      if (view.state === JobState.Dispatched && !progress) needProgress.push(id);
    }

    // Round 2 (only when jobs were added): their ids.
    if (jobCount > this.ids.length) {
      const indexes = Array.from({ length: jobCount - this.ids.length }, (_, i) => this.ids.length + i);
      const newIds = (await this.read(
        indexes.map((i) => ({ functionName: "jobIdAt", args: [BigInt(i)] })),
      )) as Hex[];
      this.ids.push(...newIds);
      // Round 3 (with the next): the new jobs themselves; participants read for all of them.
      const calls: ViewCall[] = newIds.flatMap((id) => [
        { functionName: "getJob", args: [id] } as ViewCall,
        { functionName: "getProgress", args: [id] } as ViewCall,
      ]);
      const results = await this.read(calls);
      newIds.forEach((id, i) => {
        const view = results[2 * i] as JobView;
        jobs.set(id, toSnapshot(id, view, results[2 * i + 1] as ParticipantView[]));
      });
    }

    // Jobs that became Dispatched since the last scan: their participants, in one more round.
    if (needProgress.length > 0) {
      const results = await this.read(
        needProgress.map((id) => ({ functionName: "getProgress", args: [id] })),
      );
      needProgress.forEach((id, i) => {
        const job = jobs.get(id)!;
        job.participants = toParticipants(results[i] as ParticipantView[]);
      });
    }

    const open: JobSnapshot[] = [];
    this.open.clear();
    for (const job of jobs.values()) {
      if (isFinalState(job.state)) continue;
      this.open.set(job.id, job.state);
      open.push(job);
    }
    return { blockNumber, jobs: open };
  }

  /** Reads the views, throwing on the first failed one (a listed job always answers). */
  private async read(calls: ViewCall[]): Promise<unknown[]> {
    if (calls.length === 0) return [];
    const contracts = calls.map((c) => ({
      address: this.market,
      abi: jobMarketAbi,
      functionName: c.functionName,
      args: c.args,
    }));
    if (this.readMode === "rpc-batch") {
      // Issued in the same tick, so a batching transport sends them in one HTTP request.
      return Promise.all(contracts.map((c) => this.client.readContract(c as never)));
    }
    const results = (await this.client.multicall({
      contracts: contracts as never,
      allowFailure: true,
      deployless: true,
      batchSize: this.chunkBytes,
    })) as { status: "success" | "failure"; result?: unknown; error?: Error }[];
    return results.map((r, i) => {
      if (r.status === "failure") {
        throw new Error(`${calls[i]!.functionName} failed: ${r.error?.message ?? "unknown error"}`);
      }
      return r.result;
    });
  }
}

function toParticipants(progress: readonly ParticipantView[]): ParticipantSnapshot[] {
  return progress.map((p) => ({
    account: p.account,
    role: p.role,
    lastSeen: p.lastSeen,
    timedOut: p.timedOut,
  }));
}

function toSnapshot(id: Hex, view: JobView, progress: readonly ParticipantView[] | undefined): JobSnapshot {
  return {
    id,
    state: view.state,
    orderedAt: view.orderedAt,
    abortedAt: view.abortedAt,
    timeoutBlocks: BigInt(view.params.timeoutBlocks),
    orderExpiryBlocks: BigInt(view.params.orderExpiryBlocks),
    abortGraceBlocks: BigInt(view.params.abortGraceBlocks),
    // Participants matter only while Dispatched (timeouts); elsewhere they would be stale noise.
    participants: view.state === JobState.Dispatched && progress ? toParticipants(progress) : [],
  };
}

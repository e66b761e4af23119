// One scan of the market: every unfinished job with its state, deadlines and (when Dispatched) the
// contract's liveness verdict per participant, read in as few round trips as possible.
//
// Two ways to read, both batched so the number of HTTP requests per block stays flat:
// - "lens" (default when a JobMarketLens is deployed): getJobs pages over the jobs from the oldest
//   unfinished one, getProgresses pages over the dispatched ones; a few eth_calls for any number of jobs.
// - "rpc-batch" (any chain, no lens): one eth_call per view, all sent together as JSON-RPC batches.
//
// Kept in memory is only what the chain never changes: job ids by index (the list is append-only) and
// which jobs are settled. A chain reset (fewer jobs, or another id at an index) clears it.
import type { Address, Hex, PublicClient } from "viem";
import { jobMarketAbi, jobMarketLensAbi } from "../../protocol/generated/abis.ts";
import { isSettled, JobState } from "../../protocol/enums.ts";
import type { ChainSnapshot, JobSnapshot, ParticipantSnapshot } from "./types.ts";

export type ReadMode = "lens" | "rpc-batch";

export interface ScannerOptions {
  client: PublicClient;
  market: Address;
  /** Required for the "lens" read mode. */
  lens?: Address;
  readMode?: ReadMode;
}

/** Jobs per getJobs call (each ~30k gas: far below any eth_call gas cap). */
const JOBS_PAGE = 200;
/** Participants per getProgresses call, so a page of 100-DO jobs stays under the eth_call gas caps. */
const PARTICIPANTS_PAGE = 800;
/** What a job's participant count is assumed to be before it was first read. */
const ASSUMED_PARTICIPANTS = 16;

type JobView = {
  id: Hex;
  state: number;
  orderedAt: bigint;
  abortedAt: bigint;
  challengeDeadline: bigint;
  arbitrationDeadline: bigint;
  params: { timeoutBlocks: number; orderExpiryBlocks: number; abortGraceBlocks: number };
};
type ParticipantView = { account: Address; role: number; lastSeen: bigint; timedOut: boolean };

interface OpenJob {
  index: number;
  state: number;
  participants: number;
}

export class ChainResetError extends Error {}

export class MarketScanner {
  private readonly client: PublicClient;
  private readonly market: Address;
  private readonly lens: Address | undefined;
  readonly readMode: ReadMode;
  /** jobIdAt(i) for every index read so far. */
  private ids: Hex[] = [];
  private open = new Map<Hex, OpenJob>();
  /** Scans read again because the node replaced the block under them (see scan()). */
  retriedReads = 0;

  constructor(options: ScannerOptions) {
    this.client = options.client;
    this.market = options.market;
    this.lens = options.lens;
    this.readMode = options.readMode ?? (options.lens ? "lens" : "rpc-batch");
    if (this.readMode === "lens" && !this.lens) throw new Error("The lens read mode needs the lens address");
  }

  /** Forget everything (after a chain reset). */
  reset(): void {
    this.ids = [];
    this.open.clear();
  }

  async scan(blockNumber: bigint): Promise<ChainSnapshot> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.scanOnce(blockNumber);
      } catch (error) {
        if (error instanceof ChainResetError && attempt === 0) {
          this.reset();
          continue;
        }
        // A node that keeps no history (anvil --prune-history) fails a read whose "latest" block was
        // replaced while it ran: read again at the new one rather than wait for the next poll.
        if (attempt < 4 && String((error as Error).message).includes("BlockOutOfRange")) {
          this.retriedReads++;
          continue;
        }
        throw error;
      }
    }
  }

  private async scanOnce(blockNumber: bigint): Promise<ChainSnapshot> {
    const dispatched = [...this.open.entries()].filter(([, job]) => job.state === JobState.Dispatched);
    // Round 1: the jobs and, for those dispatched at the last scan, their participants, in parallel.
    // A working copy of the id list: committed only when the whole scan succeeded, so a scan that
    // fails half-way (and is retried) does not skip the jobs it had started to read.
    const ids = [...this.ids];
    const [views, progress] = await Promise.all([
      this.readJobs(ids),
      this.readProgresses(dispatched.map(([id, job]) => ({ id, participants: job.participants }))),
    ]);
    const participants = new Map<Hex, ParticipantView[]>();
    dispatched.forEach(([id], i) => participants.set(id, progress[i]!));

    // Jobs that became Dispatched since (or are new): their participants, in one more round.
    const missing = views.filter((v) => v.view.state === JobState.Dispatched && !participants.has(v.view.id));
    if (missing.length > 0) {
      const more = await this.readProgresses(
        missing.map((v) => ({ id: v.view.id, participants: ASSUMED_PARTICIPANTS })),
      );
      missing.forEach((v, i) => participants.set(v.view.id, more[i]!));
    }

    const jobs: JobSnapshot[] = [];
    this.open.clear();
    for (const { index, view } of views) {
      if (view.state === JobState.None) throw new ChainResetError(`job ${view.id} no longer exists`);
      if (isSettled(view.state)) continue;
      const parts = participants.get(view.id);
      this.open.set(view.id, {
        index,
        state: view.state,
        participants: parts?.length ?? ASSUMED_PARTICIPANTS,
      });
      jobs.push(toSnapshot(view, parts));
    }
    this.ids = ids;
    return { blockNumber, jobs };
  }

  /** Every job that was open at the last scan and every job added since, with its index. */
  private async readJobs(ids: Hex[]): Promise<{ index: number; view: JobView }[]> {
    return this.readMode === "lens" ? this.readJobsByLens(ids) : this.readJobsOneByOne(ids);
  }

  private async readJobsByLens(ids: Hex[]): Promise<{ index: number; view: JobView }[]> {
    const openIndexes = [...this.open.values()].map((j) => j.index);
    // From the oldest open job to the end: finished jobs in between are read but skipped.
    const first = openIndexes.length > 0 ? Math.min(...openIndexes) : ids.length;
    const offsets: number[] = [];
    for (let offset = first; offset <= ids.length; offset += JOBS_PAGE) offsets.push(offset);
    const pages = await Promise.all(offsets.map((offset) => this.jobsPage(offset)));
    // A full last page means more jobs were added than the extra page covers: keep reading.
    for (let offset = offsets.at(-1)! + JOBS_PAGE; pages.at(-1)!.length === JOBS_PAGE; offset += JOBS_PAGE) {
      pages.push(await this.jobsPage(offset));
    }
    const views = pages.flat();
    if (first + views.length < ids.length) throw new ChainResetError("fewer jobs than before");
    const result: { index: number; view: JobView }[] = [];
    views.forEach((view, i) => {
      const index = first + i;
      const known = ids[index];
      if (known !== undefined && known !== view.id)
        throw new ChainResetError(`another job at index ${index}`);
      ids[index] = view.id;
      result.push({ index, view });
    });
    return result;
  }

  private jobsPage(offset: number): Promise<readonly JobView[]> {
    return this.client.readContract({
      address: this.lens!,
      abi: jobMarketLensAbi,
      functionName: "getJobs",
      args: [this.market, BigInt(offset), BigInt(JOBS_PAGE)],
    }) as Promise<readonly JobView[]>;
  }

  private async readJobsOneByOne(ids: Hex[]): Promise<{ index: number; view: JobView }[]> {
    const open = [...this.open.entries()];
    const read = (functionName: string, args: readonly unknown[]) =>
      this.client.readContract({ address: this.market, abi: jobMarketAbi, functionName, args } as never);
    // Issued in the same tick, so the batching transport sends them in one HTTP request.
    const [count, ...openViews] = (await Promise.all([
      read("jobCount", []),
      ...open.map(([id]) => read("getJob", [id])),
    ])) as [bigint, ...JobView[]];
    const jobCount = Number(count);
    if (jobCount < ids.length) throw new ChainResetError("fewer jobs than before");
    const result = open.map(([, job], i) => ({ index: job.index, view: openViews[i]! }));
    if (jobCount > ids.length) {
      const start = ids.length;
      const indexes = Array.from({ length: jobCount - start }, (_, i) => start + i);
      const newIds = (await Promise.all(indexes.map((i) => read("jobIdAt", [BigInt(i)])))) as Hex[];
      ids.push(...newIds);
      const newViews = (await Promise.all(newIds.map((id) => read("getJob", [id])))) as JobView[];
      newViews.forEach((view, i) => result.push({ index: start + i, view }));
    }
    return result;
  }

  /** getProgress of each job, in order. */
  private async readProgresses(jobs: { id: Hex; participants: number }[]): Promise<ParticipantView[][]> {
    if (jobs.length === 0) return [];
    if (this.readMode === "rpc-batch") {
      return Promise.all(
        jobs.map(
          ({ id }) =>
            this.client.readContract({
              address: this.market,
              abi: jobMarketAbi,
              functionName: "getProgress",
              args: [id],
            }) as unknown as Promise<ParticipantView[]>,
        ),
      );
    }
    const pages: Hex[][] = [[]];
    let load = 0;
    for (const job of jobs) {
      if (load + job.participants > PARTICIPANTS_PAGE && pages.at(-1)!.length > 0) {
        pages.push([]);
        load = 0;
      }
      pages.at(-1)!.push(job.id);
      load += job.participants;
    }
    const results = await Promise.all(
      pages.map(
        (ids) =>
          this.client.readContract({
            address: this.lens!,
            abi: jobMarketLensAbi,
            functionName: "getProgresses",
            args: [this.market, ids],
          }) as Promise<readonly (readonly ParticipantView[])[]>,
      ),
    );
    return results.flat().map((p) => [...p]);
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

function toSnapshot(view: JobView, progress: readonly ParticipantView[] | undefined): JobSnapshot {
  return {
    id: view.id,
    state: view.state,
    orderedAt: view.orderedAt,
    abortedAt: view.abortedAt,
    timeoutBlocks: BigInt(view.params.timeoutBlocks),
    orderExpiryBlocks: BigInt(view.params.orderExpiryBlocks),
    abortGraceBlocks: BigInt(view.params.abortGraceBlocks),
    challengeDeadline: view.challengeDeadline,
    arbitrationDeadline: view.arbitrationDeadline,
    // Participants matter only while Dispatched (timeouts); elsewhere they would be stale noise.
    participants: view.state === JobState.Dispatched && progress ? toParticipants(progress) : [],
  };
}

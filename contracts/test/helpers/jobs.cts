/**
 * Job helpers for contract tests, on top of the deployMarket fixture (./deploy.cts).
 *
 * Exports: ALL, Task, Status, State, JobType, Reason, status(), newJobId(), placeOrder(), assignMpcs(),
 *   dispatchJob(), completeAll(), type OrderOptions, type PlacedJob.
 */
import { randomBytes } from "node:crypto";
import { toHex, type Hex } from "viem";
import type { MarketFixture, Wallet } from "./deploy.cjs";

export const ALL = 0xffffffff;
export const Task = { Training: 0, PSI: 1, Aggregation: 2 } as const;
export const Status = { Started: 0, InProgress: 1, Completed: 2, Failed: 3 } as const;
export const State = {
  None: 0,
  Ordered: 1,
  Dispatched: 2,
  Aborting: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
} as const;
export const JobType = { Horizontal: 0, Vertical: 1 } as const;
export const Reason = { SelfReported: 0, HeartbeatTimeout: 1, NonCompliantResult: 2 } as const;

export function status(taskType: number, epoch: number, batch: number, st: number) {
  return { taskType, epoch, batch, status: st };
}

/** A fresh random 16-byte job id, as the GDS makes them. */
export function newJobId(): Hex {
  return toHex(randomBytes(16));
}

export interface OrderOptions {
  id?: Hex;
  jobType?: number;
  qc?: Wallet;
  dos?: Wallet[];
  prices?: bigint[];
  factor?: number;
  mpcCount?: number;
  totalEpochs?: number;
  quote?: bigint;
  mpcs?: Wallet[];
  mpcPrice?: bigint;
  /** what the QC pays in dispatchJob (default: the total price) */
  pay?: bigint;
}

export interface PlacedJob {
  id: Hex;
  jobType: number;
  qc: Wallet;
  dos: Wallet[];
  prices: bigint[];
  factor: number;
  mpcCount: number;
  totalEpochs: number;
  quote: bigint;
}

/** Places an order from the fixture's GDS. Defaults: Horizontal, 3 DOs at 1000 wei, F 1, 2 MPCs, 2 epochs. */
export async function placeOrder(f: MarketFixture, o: OrderOptions = {}): Promise<PlacedJob> {
  const dos = o.dos ?? f.dos.slice(0, 3);
  const job: PlacedJob = {
    id: o.id ?? newJobId(),
    jobType: o.jobType ?? JobType.Horizontal,
    qc: o.qc ?? f.qcs[0],
    dos,
    prices: o.prices ?? dos.map(() => 1000n),
    factor: o.factor ?? 1,
    mpcCount: o.mpcCount ?? 2,
    totalEpochs: o.totalEpochs ?? 2,
    quote: o.quote ?? 10n ** 18n,
  };
  await f.market.write.placeOrder(
    [
      job.id,
      job.jobType,
      job.qc.account.address,
      job.dos.map((d) => d.account.address),
      job.prices,
      job.factor,
      job.mpcCount,
      job.totalEpochs,
      job.quote,
    ],
    { account: f.gds.account },
  );
  return job;
}

/** Assigns the first mpcCount MPCs of the fixture (or `mpcs`) at `mpcPrice` (default 500 wei). */
export async function assignMpcs(f: MarketFixture, job: PlacedJob, mpcs?: Wallet[], mpcPrice = 500n) {
  const chosen = mpcs ?? f.mpcs.slice(0, job.mpcCount);
  await f.market.write.assignMpcs([job.id, chosen.map((m) => m.account.address), mpcPrice], {
    account: f.gds.account,
  });
  return chosen;
}

/** Places, assigns and pays: the job ends Dispatched. */
export async function dispatchJob(f: MarketFixture, o: OrderOptions = {}) {
  const job = await placeOrder(f, o);
  const mpcs = await assignMpcs(f, job, o.mpcs, o.mpcPrice ?? 500n);
  const view = await f.market.read.getJob([job.id]);
  const paid = o.pay ?? view.totalPrice;
  await f.market.write.submitQuery([job.id], { account: job.qc.account, value: paid });
  return { ...job, mpcs, totalPrice: view.totalPrice, collateral: view.collateral, paid };
}

export type DispatchedJob = Awaited<ReturnType<typeof dispatchJob>>;

/** Every participant reports its final task complete (Horizontal: DOs last, so the job completes). */
export async function completeAll(f: MarketFixture, job: DispatchedJob) {
  const horizontal = job.jobType === JobType.Horizontal;
  if (horizontal) {
    for (const m of job.mpcs) {
      await f.market.write.updateJobStatus([job.id, status(Task.Aggregation, ALL, ALL, Status.Completed)], {
        account: m.account,
      });
    }
  } else {
    for (const p of [...job.dos, ...job.mpcs]) {
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, ALL, ALL, Status.Completed)], {
        account: p.account,
      });
    }
  }
  const last = horizontal ? job.dos : [...job.dos, ...job.mpcs];
  for (const p of last) {
    await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
      account: p.account,
    });
  }
}

// Seeds the demo through the same contract calls users make: roles, node stakes, and jobs in
// several states so every page shows something real at once.
// Usage: npm run seed -- [--rpc URL] [--record FILE] [--force]
import { type Address, type Hex, parseUnits } from "viem";
import { devAccountsWithRole } from "../src/protocol/devAccounts.ts";
import { ALL, JobState, JobType, Role, Status, TaskType, type StatusTuple } from "../src/protocol/enums.ts";
import { jobMarketAbi } from "../src/protocol/generated/abis.ts";
import { newJobId } from "../src/protocol/jobId.ts";
import { priceOf } from "../src/protocol/money/index.ts";
import { connect, write } from "./lib/chain.ts";
import { payIn } from "./lib/payments.ts";
import { isMain, parseFlags } from "./lib/cli.ts";
import { readDeploymentRecord } from "./lib/deployment-record.ts";
import { deploymentFileOf } from "./lib/paths.ts";
import { roleMapLines } from "./lib/role-map.ts";
import { describeSeed, type SeededJob } from "./lib/seeded-job.ts";

/**
 * Readable amounts, in whole units of the market's asset (ETH or the demo's fdUSD alike): every DO asks
 * 0.1 per job, every MPC 0.05; nodes stake 5. parseUnits with the asset's decimals makes them exact.
 */
const DO_PRICE_UNITS = "0.1";
const MPC_PRICE_UNITS = "0.05";
const NODE_STAKE_UNITS = "5";

const admin = devAccountsWithRole("admin")[0]!.address;
const gds = devAccountsWithRole("gds")[0]!.address;
const qcs = devAccountsWithRole("qc").map((a) => a.address);
const dos = devAccountsWithRole("do").map((a) => a.address);
const mpcs = devAccountsWithRole("mpc").map((a) => a.address);

interface SeedOptions {
  rpcUrl: string;
  recordFile?: string;
  /** Seed even when the market already has nodes or jobs. */
  force?: boolean;
  log?: (line: string) => void;
}

export async function seedDemo(options: SeedOptions): Promise<SeededJob[] | undefined> {
  const log = options.log ?? console.log;
  const ctx = await connect(options.rpcUrl);
  const recordFile = deploymentFileOf(ctx.chain.id, options.recordFile);
  const record = readDeploymentRecord(recordFile);
  if (!record) throw new Error(`No deployment record at ${recordFile}: deploy first`);
  const market = { address: record.jobMarket, abi: jobMarketAbi } as const;
  const read = ctx.publicClient;
  const { asset } = record;
  const DO_PRICE = parseUnits(DO_PRICE_UNITS, asset.decimals);
  const MPC_PRICE = parseUnits(MPC_PRICE_UNITS, asset.decimals);
  const NODE_STAKE = parseUnits(NODE_STAKE_UNITS, asset.decimals);

  const [jobCount, nodeCount] = await Promise.all([
    read.readContract({ ...market, functionName: "jobCount" }),
    read.readContract({ ...market, functionName: "nodeCount" }),
  ]);
  if ((jobCount > 0n || nodeCount > 0n) && !options.force) {
    log(
      `The market already has ${jobCount} jobs and ${nodeCount} nodes: not seeding (use --force to add more)`,
    );
    return undefined;
  }
  const started = Date.now();
  const as = (who: Address) => ctx.wallet(who);
  // Calls are checked against the ABI by simulation at run time (write simulates before sending).
  const send = (who: Address, call: { functionName: string; args: readonly unknown[] }) =>
    write(ctx, as(who), { ...market, ...call } as never);
  // Money in: msg.value on the native coin, approve-then-pull on a token (scripts/lib/payments.ts).
  const pay = (who: Address, call: Parameters<typeof payIn>[4], amount: bigint) =>
    payIn(ctx, record.jobMarket, asset, who, call, amount);

  // Roles: the admin holds every role after initialize; the demo's GDS is a separate account.
  const gdsRole = await read.readContract({ ...market, functionName: "GDS_ROLE" });
  if (!(await read.readContract({ ...market, functionName: "hasRole", args: [gdsRole, gds] }))) {
    await send(admin, { functionName: "grantRole", args: [gdsRole, gds] });
  }

  // Nodes: five DOs and three MPCs, each staking 5 of the asset.
  for (const [role, nodes] of [
    [Role.DO, dos],
    [Role.MPC, mpcs],
  ] as const) {
    for (const node of nodes) {
      const view = await read.readContract({ ...market, functionName: "getNode", args: [node] });
      if (view.role === Role.None)
        await pay(node, { functionName: "registerNode", args: [role, NODE_STAKE] }, NODE_STAKE);
    }
  }

  const gdsFeeBps = (await read.readContract({ ...market, functionName: "parameters" })).gdsFeeBps;
  // The quote is the price itself (the money model's priceOf): the QC pays it, the MPCs dispatch it.
  const quoteOf = (jobType: number, jobDos: Address[], mpcCount: number) =>
    priceOf({
      jobType,
      doPrices: jobDos.map(() => DO_PRICE),
      modelComplexityFactor: 1,
      mpcCount,
      mpcPrice: MPC_PRICE,
      gdsFeeBps,
    }).total;

  /** placeOrder by the GDS; optionally the QC pays the quote and the GDS assigns MPCs (dispatch). */
  const order = async (p: {
    jobType: number;
    qc: Address;
    jobDos: Address[];
    jobMpcs: Address[];
    totalEpochs: number;
    pay: boolean;
    assign: boolean;
  }): Promise<Hex> => {
    const id = newJobId();
    const quote = quoteOf(p.jobType, p.jobDos, p.jobMpcs.length);
    await send(gds, {
      functionName: "placeOrder",
      args: [
        id,
        p.jobType,
        p.qc,
        p.jobDos,
        p.jobDos.map(() => DO_PRICE),
        1,
        p.jobMpcs.length,
        p.totalEpochs,
        quote,
      ],
    });
    if (p.pay) await pay(p.qc, { functionName: "submitQuery", args: [id, quote, quote] }, quote);
    if (p.assign) await send(gds, { functionName: "assignMpcs", args: [id, p.jobMpcs, MPC_PRICE] });
    return id;
  };
  const report = (who: Address, id: Hex, status: StatusTuple) =>
    send(who, { functionName: "updateJobStatus", args: [id, status] });
  const training = (epoch: number, batch: number, status: number): StatusTuple => ({
    taskType: TaskType.Training,
    epoch,
    batch,
    status,
  });

  const jobs: SeededJob[] = [];

  // 1. Ordered: placed by the GDS, waiting for the QC's payment and the MPCs.
  const ordered = await order({
    jobType: JobType.Horizontal,
    qc: qcs[0]!,
    jobDos: [dos[0]!, dos[1]!, dos[2]!],
    jobMpcs: [mpcs[0]!],
    totalEpochs: 3,
    pay: false,
    assign: false,
  });
  jobs.push({
    id: ordered,
    expectedState: JobState.Ordered,
    state: "Ordered (QC 1 has not paid yet; no MPC assigned)",
  });

  // 2. Dispatched with progress: DOs are in epoch 1 of 3, the MPCs aggregated epoch 0.
  const running = await order({
    jobType: JobType.Horizontal,
    qc: qcs[0]!,
    jobDos: [dos[1]!, dos[2]!, dos[3]!, dos[4]!],
    jobMpcs: [mpcs[0]!, mpcs[1]!],
    totalEpochs: 3,
    pay: true,
    assign: true,
  });
  for (const [i, node] of [dos[1]!, dos[2]!, dos[3]!, dos[4]!].entries()) {
    await report(node, running, training(0, ALL, Status.Completed));
    await report(node, running, training(1, i + 1, Status.InProgress));
  }
  for (const mpc of [mpcs[0]!, mpcs[1]!]) {
    await report(mpc, running, {
      taskType: TaskType.Aggregation,
      epoch: 0,
      batch: ALL,
      status: Status.Completed,
    });
  }
  jobs.push({
    id: running,
    expectedState: JobState.Dispatched,
    state: "Dispatched (training epoch 1 of 3 in progress)",
  });

  // 3. Completed: two DOs finish both epochs; everyone is paid, the QC's change refunded.
  const completed = await order({
    jobType: JobType.Horizontal,
    qc: qcs[1]!,
    jobDos: [dos[0]!, dos[1]!],
    jobMpcs: [mpcs[2]!],
    totalEpochs: 2,
    pay: true,
    assign: true,
  });
  await report(mpcs[2]!, completed, {
    taskType: TaskType.Aggregation,
    epoch: 0,
    batch: ALL,
    status: Status.Completed,
  });
  for (const node of [dos[0]!, dos[1]!]) {
    await report(node, completed, training(0, ALL, Status.Completed));
    await report(node, completed, training(1, ALL, Status.Completed));
    await report(node, completed, training(ALL, ALL, Status.Completed));
  }
  jobs.push({ id: completed, expectedState: JobState.Completed, state: "Completed (rewards paid)" });

  // 4. Failed: a vertical job where DO 5 reports its own failure during training; the GDS settles
  //    the abort at once (DO 5 is fined, the others compensated for their completed epochs).
  const failed = await order({
    jobType: JobType.Vertical,
    qc: qcs[1]!,
    jobDos: [dos[2]!, dos[3]!, dos[4]!],
    jobMpcs: [mpcs[1]!, mpcs[2]!],
    totalEpochs: 2,
    pay: true,
    assign: true,
  });
  for (const node of [dos[2]!, dos[3]!, dos[4]!, mpcs[1]!, mpcs[2]!]) {
    await report(node, failed, { taskType: TaskType.PSI, epoch: ALL, batch: ALL, status: Status.Completed });
  }
  for (const node of [dos[2]!, dos[3]!]) await report(node, failed, training(0, ALL, Status.Completed));
  await report(dos[4]!, failed, training(0, 2, Status.Failed));
  await send(gds, { functionName: "settleAbort", args: [failed] });
  jobs.push({
    id: failed,
    expectedState: JobState.Failed,
    state: "Failed (DO 5 reported its own failure; abort settled)",
  });

  // 5. Cancelled: QC 2 paid, then cancelled before dispatch (full refund).
  const cancelled = await order({
    jobType: JobType.Horizontal,
    qc: qcs[1]!,
    jobDos: [dos[3]!],
    jobMpcs: [mpcs[0]!],
    totalEpochs: 1,
    pay: true,
    assign: false,
  });
  await send(qcs[1]!, { functionName: "cancelJob", args: [cancelled, 0n] });
  jobs.push({
    id: cancelled,
    expectedState: JobState.Cancelled,
    state: "Cancelled (before dispatch, QC 2 refunded)",
  });

  // The demo is only worth showing if every job is where the role map says it is.
  for (const job of jobs) {
    const view = await read.readContract({ ...market, functionName: "getJob", args: [job.id] });
    if (view.state !== job.expectedState) {
      throw new Error(
        `Seeded job ${job.id} is in state ${view.state}, expected ${job.expectedState} (${job.state})`,
      );
    }
  }
  log(
    `Seeded the demo in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dos.length} DOs, ${mpcs.length} MPCs, ${jobs.length} jobs`,
  );
  return jobs;
}

if (isMain(import.meta.url)) {
  const { flags, values } = parseFlags(process.argv.slice(2));
  seedDemo({
    rpcUrl: values.get("rpc") ?? process.env.RPC_URL ?? "http://127.0.0.1:8545",
    recordFile: values.get("record") ?? process.env.DEPLOYMENT_FILE,
    force: flags.has("force"),
  })
    .then((jobs) => {
      if (!jobs) return;
      console.log("Demo jobs:\n" + describeSeed(jobs).join("\n"));
      console.log("Role map:\n" + roleMapLines().join("\n"));
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

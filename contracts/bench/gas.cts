// Gas benchmark (docs/rules.md §10), run by `npm run bench:gas` on the in-process Hardhat network, on the
// test world of contracts/test/helpers (once per payment asset). Prints: the gas of every operation, the
// release-2 paths included (setNodeTerms, a judgement, a challenge, a ruling, settleJudgement); placeOrder
// and settlement gas for jobs of 1..200 DOs with a linear fit (marginal gas per DO placed, with and without
// node terms, and per participant settled); the largest job that can be placed and settled inside a
// 30M-gas block (extrapolated, then verified under a 30M block gas limit); a wallet-estimate check of large
// orders; and each deployed contract's code size against 24,576 bytes. Figures are printed beside their
// budgets; nothing about timings is asserted.
import hre from "hardhat";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, toHex, zeroAddress, type Address, type Hash } from "viem";
import { ASSETS, deployWorld, NO_LIMIT, type AssetName, type World } from "../test/helpers/world.cjs";

const BLOCK_30M = 30_000_000n;
const HORIZONTAL = 0;
const ALL = 0xffffffff;
const TRAINING = 0;
const COMPLETED = 2;
const IN_PROGRESS = 1;
const FAILED = 3;
const HEARTBEAT_TIMEOUT = 1;
const NON_COMPLIANT = 2;
const DO_PRICE = 1_000n;
const MPC_PRICE = 500n;
const MPCS_PER_JOB = 2;
const SIZES = [1, 10, 50, 100, 200];
const STAKE = 10n ** 21n;
// Longer than the number of heartbeats a 500-DO job sends, so only the silent DO times out.
const TIMEOUT_BLOCKS = 2_000;
const CHALLENGE_WINDOW = 10;
const ARBITRATION = 10;

/** Which terms the DOs of a job set before it is placed. */
type TermsKind = "none" | "any GDS, max C" | "named GDS, min fee, max C";

const fmt = (v: bigint | number) => Math.round(Number(v)).toLocaleString("en-US");
const row = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
const verdict = (ok: boolean) => (ok ? "within" : "OVER");

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  return hre.network.provider.request({ method, params });
}

function fit(points: { x: number; y: bigint }[]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + Number(p.y), 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (Number(p.y) - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

interface PlacedJob {
  id: Hash;
  dos: Address[];
  mpcs: Address[];
  gas: { placeOrder: bigint; assignMpcs: bigint; submitQuery: bigint };
}

/** One asset's bench: a world, pools of impersonated nodes, and the measurements. */
class Bench {
  readonly doPool: Address[] = [];
  readonly mpcPool: Address[] = [];
  private readonly withTerms = new Map<Address, TermsKind>();
  private jobSeq = 0;
  private fresh = 0;
  placeGasLimit = 100_000_000n;

  constructor(
    readonly w: World,
    readonly label: string,
  ) {}

  get market() {
    return this.w.market;
  }
  get gds(): Address {
    return this.w.gds.account.address;
  }
  get qc(): Address {
    return this.w.qc.account.address;
  }

  async gasOf(hash: Promise<Hash>): Promise<bigint> {
    const receipt = await this.w.publicClient.getTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error("transaction reverted");
    return receipt.gasUsed;
  }

  /** A fresh funded, impersonated account that Hardhat signs for. */
  async newAccount(label: string): Promise<Address> {
    const address =
      `0x${keccak256(toHex(`fedpay-bench-${this.label}-${label}-${this.fresh++}`)).slice(26)}` as Address;
    await rpc("hardhat_impersonateAccount", [address]);
    await rpc("hardhat_setBalance", [address, toHex(10n ** 18n)]); // for gas
    await this.w.fund(address, STAKE * 2n);
    return address;
  }

  async ensureNodes(pool: Address[], role: number, count: number, label: string): Promise<void> {
    while (pool.length < count) {
      const node = await this.newAccount(label);
      await this.w.register(node, role, STAKE);
      pool.push(node);
    }
  }

  /** Gives `dos` the terms `kind` (once each). */
  async setTerms(dos: Address[], kind: TermsKind): Promise<void> {
    for (const node of dos) {
      if (this.withTerms.get(node) === kind) continue;
      const terms =
        kind === "none"
          ? { accepting: true, gds: zeroAddress, minFee: 0n, maxCollateral: NO_LIMIT }
          : kind === "any GDS, max C"
            ? { accepting: true, gds: zeroAddress, minFee: 0n, maxCollateral: STAKE }
            : { accepting: true, gds: this.gds, minFee: DO_PRICE, maxCollateral: STAKE };
      if (kind !== "none" || this.withTerms.has(node)) {
        await this.market.write.setNodeTerms([terms], { account: node });
      }
      this.withTerms.set(node, kind);
    }
  }

  nextJobId(): Hash {
    this.jobSeq += 1;
    return `0x${"be0c".padEnd(16, "0")}${this.jobSeq.toString(16).padStart(16, "0")}` as Hash;
  }

  /** Places, assigns and pays a Horizontal job of `n` DOs (from the pool from `offset`) with terms `kind`. */
  async dispatchJob(n: number, offset = 0, kind: TermsKind = "any GDS, max C"): Promise<PlacedJob> {
    await this.ensureNodes(this.doPool, 1, offset + n, "do");
    await this.ensureNodes(this.mpcPool, 2, 8, "mpc");
    const id = this.nextJobId();
    const dos = this.doPool.slice(offset, offset + n);
    await this.setTerms(dos, kind);
    const mpcs = this.mpcPool.slice(0, MPCS_PER_JOB);
    // Explicit gas: right after the bench lowers the block gas limit (200M -> 30M) Hardhat under-estimated
    // 428+-DO orders once; estimationCheck shows what a wallet estimate does in steady state.
    const args = [id, HORIZONTAL, this.qc, dos, dos.map(() => DO_PRICE), 1, MPCS_PER_JOB, 1, 0n] as const;
    const placeOrder = await this.gasOf(
      this.market.write.placeOrder(args, { account: this.gds, gas: this.placeGasLimit }),
    );
    const assignMpcs = await this.gasOf(
      this.market.write.assignMpcs([id, mpcs, MPC_PRICE], { account: this.gds }),
    );
    const total = (await this.market.read.getJob([id])).totalPrice;
    const submitQuery = await this.gasOf(
      this.market.write.submitQuery([id, total, total], { account: this.qc, value: this.w.value(total) }),
    );
    return { id, dos, mpcs, gas: { placeOrder, assignMpcs, submitQuery } };
  }

  /** Happy path: every DO reports its part complete; returns the gas of the last (settling) update. */
  async settleHappy(job: PlacedJob): Promise<bigint> {
    const final = { taskType: TRAINING, epoch: ALL, batch: ALL, status: COMPLETED };
    for (const d of job.dos.slice(0, -1))
      await this.market.write.updateJobStatus([job.id, final], { account: d });
    return this.gasOf(
      this.market.write.updateJobStatus([job.id, final], { account: job.dos[job.dos.length - 1] }),
    );
  }

  /** Mines past the timeout with everyone in `alive` heartbeating half-way: the others time out. */
  async timeOutAllBut(alive: Address[]): Promise<void> {
    await mine(TIMEOUT_BLOCKS / 2);
    for (const p of alive) await this.market.write.heartbeat({ account: p });
    await mine(TIMEOUT_BLOCKS / 2 + 2);
  }

  /** Detected failure: the first DO goes silent past the timeout, everyone else stays alive. */
  async settleDetected(job: PlacedJob): Promise<bigint> {
    await this.timeOutAllBut([...job.dos.slice(1), ...job.mpcs]);
    return this.gasOf(
      this.market.write.reportFailure([job.id, [job.dos[0]], HEARTBEAT_TIMEOUT], { account: this.gds }),
    );
  }

  /**
   * Self-reported failure: the first DO goes silent past the timeout while everyone else stays alive (a
   * 1-DO job has nobody silent), then the last DO reports Failed (the report records who is timed out at
   * the abort block) and the GDS settles the abort.
   */
  async settleAborted(job: PlacedJob): Promise<{ report: bigint; settle: bigint }> {
    await this.timeOutAllBut([...(job.dos.length > 1 ? job.dos.slice(1) : job.dos), ...job.mpcs]);
    const failed = { taskType: TRAINING, epoch: 0, batch: 0, status: FAILED };
    const reporter = job.dos[job.dos.length - 1];
    const report = await this.gasOf(
      this.market.write.updateJobStatus([job.id, failed], { account: reporter }),
    );
    const settle = await this.gasOf(this.market.write.settleAbort([job.id], { account: this.gds }));
    return { report, settle };
  }

  /** A judgement of the first DO, unchallenged, settled (upheld) after the window. */
  async settleJudged(job: PlacedJob): Promise<{ judge: bigint; settle: bigint }> {
    const judge = await this.gasOf(
      this.market.write.reportFailure([job.id, [job.dos[0]], NON_COMPLIANT], { account: this.gds }),
    );
    await mine(CHALLENGE_WINDOW);
    const settle = await this.gasOf(this.market.write.settleJudgement([job.id], { account: this.qc }));
    return { judge, settle };
  }
}

/** The money paths of each asset, printed side by side at the end. */
const moneyPaths = new Map<string, Map<string, bigint>>();
/** Records `gas` of the money path `name` in `column` (an asset, or "erc20 with permit"). */
function moneyPath(name: string, column: string, gas: bigint): bigint {
  if (!moneyPaths.has(name)) moneyPaths.set(name, new Map());
  moneyPaths.get(name)!.set(column, gas);
  return gas;
}

/** On a token market: the permit variants of the money-in functions, from an account with no allowance. */
async function permitPaths(b: Bench): Promise<void> {
  const w = b.w;
  const owner = w.outsiders[5];
  await w.fund(owner, STAKE);
  await w.token!.write.approve([b.market.address, 0n], { account: owner.account });
  const p = await w.signPermit(owner, 10n ** 18n);
  const register = b.market.write.registerNodeWithPermit([1, 10n ** 18n, p.deadline, p.v, p.r, p.s], {
    account: owner.account,
  });
  moneyPath("registerNode (with stake)", "erc20 with permit", await b.gasOf(register));
  const q = await w.signPermit(owner, 1_000n);
  const deposit = b.market.write.depositWithPermit([1_000n, q.deadline, q.v, q.r, q.s], {
    account: owner.account,
  });
  moneyPath("deposit", "erc20 with permit", await b.gasOf(deposit));
  await b.ensureNodes(b.doPool, 1, 3, "do");
  await b.ensureNodes(b.mpcPool, 2, 2, "mpc");
  const id = b.nextJobId();
  await b.market.write.placeOrder(
    [
      id,
      HORIZONTAL,
      owner.account.address,
      b.doPool.slice(0, 3),
      [DO_PRICE, DO_PRICE, DO_PRICE],
      1,
      2,
      1,
      0n,
    ],
    { account: b.gds },
  );
  await b.market.write.assignMpcs([id, b.mpcPool.slice(0, 2), MPC_PRICE], { account: b.gds });
  const total = (await b.market.read.getJob([id])).totalPrice;
  const r = await w.signPermit(owner, total);
  const pay = b.market.write.submitQueryWithPermit([id, total, total, r.deadline, r.v, r.r, r.s], {
    account: owner.account,
  });
  moneyPath("submitQuery (pays in full, dispatches)", "erc20 with permit", await b.gasOf(pay));
}

function printMoneyPaths(): void {
  console.log("\nMoney paths, the native coin beside the ERC-20 (DemoStablecoin, 6 decimals)");
  const columns = ["native", "erc20", "erc20 with permit"];
  const widths = [40, 12, 12, 18];
  console.log(row(["operation", ...columns], widths));
  for (const [name, byAsset] of moneyPaths) {
    const cells = columns.map((c) => {
      const gas = byAsset.get(c);
      return gas === undefined ? "" : fmt(gas);
    });
    console.log(row([name, ...cells], widths));
  }
}

async function operationTable(b: Bench): Promise<void> {
  const m = b.market;
  const rows: [string, bigint, string][] = [];
  const budget50k = (g: bigint) => `budget <= 50,000: ${verdict(g <= 50_000n)}`;
  const fresh = await b.newAccount("op");
  rows.push([
    "setNodeTerms (before registering)",
    await b.gasOf(
      m.write.setNodeTerms([{ accepting: true, gds: b.gds, minFee: 1n, maxCollateral: STAKE }], {
        account: fresh,
      }),
    ),
    "",
  ]);
  const asset = b.w.asset;
  const register = (await b.w.register(fresh, 1, 10n ** 18n)).gasUsed;
  rows.push(["registerNode (with stake)", moneyPath("registerNode (with stake)", asset, register), ""]);
  const deposit = (await b.w.deposit(fresh, 1_000n)).gasUsed;
  rows.push(["deposit", moneyPath("deposit", asset, deposit), ""]);
  const withdraw = (await b.w.withdraw(fresh, 500n)).gasUsed;
  rows.push(["withdraw", moneyPath("withdraw", asset, withdraw), ""]);
  rows.push(["heartbeat", await b.gasOf(m.write.heartbeat({ account: fresh })), ""]);
  rows.push(["deposit by a GDS (for bonds)", (await b.w.deposit(b.gds, 10n ** 18n)).gasUsed, ""]);

  const job = await b.dispatchJob(10);
  rows.push(["placeOrder (10 DOs with terms)", job.gas.placeOrder, ""]);
  rows.push(["assignMpcs (2 MPCs, not dispatching)", job.gas.assignMpcs, ""]);
  rows.push([
    "submitQuery (pays in full, dispatches)",
    moneyPath("submitQuery (pays in full, dispatches)", asset, job.gas.submitQuery),
    "",
  ]);
  const update = (epoch: number, batch: number, status: number) =>
    b.gasOf(
      m.write.updateJobStatus([job.id, { taskType: TRAINING, epoch, batch, status }], {
        account: job.dos[0],
      }),
    );
  const first = await update(0, 0, IN_PROGRESS);
  const next = await update(0, 1, IN_PROGRESS);
  const epochDone = await update(0, ALL, COMPLETED);
  rows.push(["updateJobStatus, first report", first, budget50k(first)]);
  rows.push(["updateJobStatus, next batch", next, budget50k(next)]);
  rows.push(["updateJobStatus, epoch completed", epochDone, budget50k(epochDone)]);
  rows.push([
    "requestMpcReplacement",
    await b.gasOf(m.write.requestMpcReplacement([job.id, job.mpcs[0]], { account: job.dos[1] })),
    "",
  ]);
  rows.push([
    "replaceMpc (locks C)",
    await b.gasOf(m.write.replaceMpc([job.id, job.mpcs[0], await mpcAt(b, 5)], { account: b.gds })),
    "",
  ]);
  rows.push([
    "cancelJob (QC, after dispatch, 10 DOs)",
    await b.gasOf(m.write.cancelJob([job.id, NO_LIMIT], { account: b.qc })),
    "",
  ]);

  const failing = await b.dispatchJob(10, 10);
  rows.push(["reportFailure timeout (1 DO of 10)", await b.settleDetected(failing), ""]);
  const aborting = await b.dispatchJob(10, 20);
  const failed = { taskType: TRAINING, epoch: 0, batch: 0, status: FAILED };
  rows.push([
    "updateJobStatus Failed -> Aborting (10 DOs)",
    await b.gasOf(m.write.updateJobStatus([aborting.id, failed], { account: aborting.dos[0] })),
    "records who is timed out",
  ]);
  rows.push([
    "settleAbort (GDS, 10 DOs)",
    await b.gasOf(m.write.settleAbort([aborting.id], { account: b.gds })),
    "",
  ]);

  const judged = await b.dispatchJob(10, 30);
  const j = await b.settleJudged(judged);
  rows.push(["judge: reportFailure NonCompliant (1 of 10)", j.judge, "locks the bond"]);
  rows.push(["settleJudgement, upheld after the window", j.settle, ""]);
  const challenged = await b.dispatchJob(10, 40);
  await m.write.reportFailure([challenged.id, [challenged.dos[0]], NON_COMPLIANT], { account: b.gds });
  rows.push([
    "challengeJudgement",
    await b.gasOf(m.write.challengeJudgement([challenged.id], { account: challenged.dos[0] })),
    "",
  ]);
  rows.push([
    "resolveChallenge, overturned (10 DOs)",
    await b.gasOf(m.write.resolveChallenge([challenged.id, []], { account: b.w.arbiter.account.address })),
    "bond to the DO",
  ]);
  const timedOut = await b.dispatchJob(10, 50);
  await m.write.reportFailure([timedOut.id, [timedOut.dos[0]], NON_COMPLIANT], { account: b.gds });
  await m.write.challengeJudgement([timedOut.id], { account: timedOut.dos[0] });
  await mine(CHALLENGE_WINDOW + ARBITRATION);
  rows.push([
    "settleJudgement, unruled: overturned",
    await b.gasOf(m.write.settleJudgement([timedOut.id], { account: b.qc })),
    "",
  ]);

  await b.ensureNodes(b.doPool, 1, 70, "do");
  const toCancel = b.nextJobId();
  const dos = b.doPool.slice(60, 70);
  await b.setTerms(dos, "any GDS, max C");
  await m.write.placeOrder([toCancel, HORIZONTAL, b.qc, dos, dos.map(() => DO_PRICE), 1, 2, 1, 0n], {
    account: b.gds,
  });
  rows.push([
    "cancelJob (QC, before dispatch, 10 DOs)",
    await b.gasOf(m.write.cancelJob([toCancel, 0n], { account: b.qc })),
    "",
  ]);

  console.log(`\nGas per operation (${b.label})`);
  const widths = [46, 12, 30];
  console.log(row(["operation", "gas", "budget / note"], widths));
  for (const [name, gas, note] of rows) console.log(row([name, fmt(gas), note], widths));
}

async function mpcAt(b: Bench, index: number): Promise<Address> {
  await b.ensureNodes(b.mpcPool, 2, index + 1, "mpc");
  return b.mpcPool[index];
}

interface Fits {
  place: Record<TermsKind, ReturnType<typeof fit>>;
  happy: ReturnType<typeof fit>;
  detected: ReturnType<typeof fit>;
  abortReport: ReturnType<typeof fit>;
  abortSettle: ReturnType<typeof fit>;
  judge: ReturnType<typeof fit>;
  judgementSettle: ReturnType<typeof fit>;
}

async function scaling(b: Bench): Promise<Fits> {
  const kinds: TermsKind[] = ["none", "any GDS, max C", "named GDS, min fee, max C"];
  const place = Object.fromEntries(kinds.map((k) => [k, [] as { x: number; y: bigint }[]])) as Record<
    TermsKind,
    { x: number; y: bigint }[]
  >;
  const series = {
    happy: [],
    detected: [],
    abortReport: [],
    abortSettle: [],
    judge: [],
    judgementSettle: [],
  } as Record<string, { x: number; y: bigint }[]>;
  console.log(
    `\nJob size scaling (${b.label}; Horizontal, ${MPCS_PER_JOB} MPCs; participants = DOs + ${MPCS_PER_JOB})`,
  );
  const widths = [5, 13, 13, 13, 14, 10, 14, 12, 10, 15];
  console.log(
    row(
      [
        "DOs",
        "place: none",
        "place: terms",
        "+ min fee",
        "settle: happy",
        "timeout",
        "abort: report",
        "settleAbort",
        "judge",
        "settleJudgement",
      ],
      widths,
    ),
  );
  for (const n of SIZES) {
    const placed: bigint[] = [];
    for (const k of kinds) {
      const j = await b.dispatchJob(n, 0, k);
      placed.push(j.gas.placeOrder);
      place[k].push({ x: n, y: j.gas.placeOrder });
      if (k === "any GDS, max C") series.happy.push({ x: n + MPCS_PER_JOB, y: await b.settleHappy(j) });
      else await b.market.write.cancelJob([j.id, NO_LIMIT], { account: b.qc });
    }
    const detected = await b.settleDetected(await b.dispatchJob(n));
    const aborted = await b.settleAborted(await b.dispatchJob(n));
    const judged = await b.settleJudged(await b.dispatchJob(n));
    series.detected.push({ x: n + MPCS_PER_JOB, y: detected });
    series.abortReport.push({ x: n + MPCS_PER_JOB, y: aborted.report });
    series.abortSettle.push({ x: n + MPCS_PER_JOB, y: aborted.settle });
    series.judge.push({ x: n + MPCS_PER_JOB, y: judged.judge });
    series.judgementSettle.push({ x: n + MPCS_PER_JOB, y: judged.settle });
    const happy = series.happy[series.happy.length - 1].y;
    console.log(
      row(
        [
          String(n),
          ...placed.map(fmt),
          fmt(happy),
          fmt(detected),
          fmt(aborted.report),
          fmt(aborted.settle),
          fmt(judged.judge),
          fmt(judged.settle),
        ],
        widths,
      ),
    );
  }
  return {
    place: Object.fromEntries(kinds.map((k) => [k, fit(place[k])])) as Record<
      TermsKind,
      ReturnType<typeof fit>
    >,
    happy: fit(series.happy),
    detected: fit(series.detected),
    abortReport: fit(series.abortReport),
    abortSettle: fit(series.abortSettle),
    judge: fit(series.judge),
    judgementSettle: fit(series.judgementSettle),
  };
}

function printFits(f: Fits): void {
  console.log("\nMarginal gas (least-squares fit over the sizes above)");
  const line = (what: string, slope: number, budget?: number) =>
    console.log(
      `  ${what.padEnd(58)} ${fmt(slope).padStart(7)}${budget ? `  (budget <= ${fmt(budget)}: ${verdict(slope <= budget)})` : ""}`,
    );
  line("placing, per extra DO, no terms", f.place.none.slope, 50_000);
  line("placing, per extra DO, terms checked (any GDS, max C)", f.place["any GDS, max C"].slope, 42_000);
  line(
    "placing, per extra DO, terms with a named GDS and a min fee",
    f.place["named GDS, min fee, max C"].slope,
    42_000,
  );
  line("settling happy, per extra participant", f.happy.slope, 15_000);
  line("settling a timeout, per extra participant", f.detected.slope, 15_000);
  line("settling an abort, per extra participant", f.abortSettle.slope, 15_000);
  line("  its Failed report (records who is timed out), per participant", f.abortReport.slope);
  line("settling a judgement (upheld), per extra participant", f.judgementSettle.slope, 15_000);
  line("  the judgement (flags who is timed out), per participant", f.judge.slope);
}

async function largestJob(b: Bench, f: Fits): Promise<void> {
  const maxByFit = (line: { slope: number; intercept: number }, offset: number) =>
    Math.floor((Number(BLOCK_30M) - line.intercept) / line.slope) - offset;
  const byPlace = maxByFit(f.place["any GDS, max C"], 0);
  const bySettle = Math.min(
    maxByFit(f.happy, MPCS_PER_JOB),
    maxByFit(f.detected, MPCS_PER_JOB),
    maxByFit(f.abortSettle, MPCS_PER_JOB),
    maxByFit(f.abortReport, MPCS_PER_JOB),
    maxByFit(f.judge, MPCS_PER_JOB),
    maxByFit(f.judgementSettle, MPCS_PER_JOB),
  );
  const extrapolated = Math.min(byPlace, bySettle);
  console.log(`\nLargest job in one 30M-gas block (${b.label})`);
  console.log(
    `  extrapolated: placeOrder with terms ${fmt(byPlace)} DOs, settling ${fmt(bySettle)} DOs -> ${fmt(extrapolated)} DOs`,
  );
  const cap = 500; // ParameterRules' hard bound on maxDosPerJob (the DO list is one data contract)
  let n = Math.min(extrapolated, cap);
  if (extrapolated > cap) console.log(`  the contract bounds maxDosPerJob at ${cap}: verifying ${cap}`);
  await rpc("evm_setBlockGasLimit", [toHex(BLOCK_30M)]);
  b.placeGasLimit = BLOCK_30M;
  // Verify by running it under a real 30M block gas limit; step down if the fit was optimistic.
  for (;;) {
    let stage = "placing the first job";
    try {
      const a = await b.dispatchJob(n);
      stage = "settling it (happy path)";
      const happy = await b.settleHappy(a);
      stage = "settling a timeout";
      const detected = await b.settleDetected(await b.dispatchJob(n));
      stage = "aborting and settling";
      const aborted = await b.settleAborted(await b.dispatchJob(n));
      stage = "judging and settling";
      const judged = await b.settleJudged(await b.dispatchJob(n));
      const all = [
        a.gas.placeOrder,
        happy,
        detected,
        aborted.report,
        aborted.settle,
        judged.judge,
        judged.settle,
      ];
      const fits = all.every((g) => g <= BLOCK_30M);
      console.log(
        `  verified ${n} DOs: placeOrder ${fmt(a.gas.placeOrder)}, happy settle ${fmt(happy)}, timeout settle ${fmt(detected)}, ` +
          `Failed report ${fmt(aborted.report)}, settleAbort ${fmt(aborted.settle)}, judge ${fmt(judged.judge)}, ` +
          `settleJudgement ${fmt(judged.settle)} -> ${fits ? "fits" : "does NOT fit"} (budget >= 200 DOs: ${verdict(n >= 200 && fits)})`,
      );
      if (fits) break;
    } catch (error) {
      const text = String((error as Error).message);
      const reason = /reverted with[^\n]*|Details: [^\n]*/.exec(text)?.[0] ?? text.split("\n")[0];
      console.log(`  ${n} DOs failed under a 30M block while ${stage} (${reason})`);
    }
    n = Math.floor(n * 0.95);
    if (n < 1) break;
  }
  await rpc("evm_setBlockGasLimit", [toHex(200_000_000n)]);
  b.placeGasLimit = 100_000_000n;
}

/**
 * Wallets and the dApp send what eth_estimateGas returns (plus a margin). The DO list is written with a
 * CREATE, which only gets 63/64 of the remaining gas, so a bare estimate can be too low for a large order.
 * Each trial uses DOs never locked before (the first lock of a node costs the most).
 */
async function estimationCheck(b: Bench): Promise<void> {
  console.log(
    `\nplaceOrder sent with its eth_estimateGas (${b.label}; 30M block, DOs locking for the first time)`,
  );
  await rpc("evm_setBlockGasLimit", [toHex(BLOCK_30M)]);
  const trial = async (n: number, margin: boolean) => {
    const dos: Address[] = [];
    for (let i = 0; i < n; i++) {
      const node = await b.newAccount("fresh");
      await b.w.register(node, 1, STAKE);
      dos.push(node);
    }
    const args = [
      b.nextJobId(),
      HORIZONTAL,
      b.qc,
      dos,
      dos.map(() => DO_PRICE),
      1,
      MPCS_PER_JOB,
      1,
      0n,
    ] as const;
    const estimate = await b.market.estimateGas.placeOrder(args, { account: b.gds });
    const gas = margin ? (estimate * 5n) / 4n + 20_000n : estimate;
    try {
      const used = await b.gasOf(b.market.write.placeOrder(args, { account: b.gds, gas }));
      return `goes through (estimate ${fmt(estimate)}, used ${fmt(used)})`;
    } catch (error) {
      const reason = /custom error '(\w+)/.exec(String((error as Error).message))?.[1] ?? "reverted";
      return `FAILS with ${reason} (estimate ${fmt(estimate)}, sent with ${fmt(gas)})`;
    }
  };
  for (const n of [200, 500]) {
    console.log(`  ${String(n).padStart(3)} DOs, bare estimate:             ${await trial(n, false)}`);
    console.log(`  ${String(n).padStart(3)} DOs, estimate * 1.25 + 20,000:  ${await trial(n, true)}`);
  }
  await rpc("evm_setBlockGasLimit", [toHex(200_000_000n)]);
}

async function codeSizes(): Promise<void> {
  console.log("\nDeployed code size (limit 24,576 bytes)");
  const names = (await hre.artifacts.getAllFullyQualifiedNames()).filter(
    (name) => name.startsWith("src/") && !name.startsWith("src/test-helpers/"),
  );
  for (const name of names.sort()) {
    const artifact = await hre.artifacts.readArtifact(name);
    const bytes = (artifact.deployedBytecode.length - 2) / 2;
    // Interfaces have no code; internal-only libraries (empty ABI) are inlined, never deployed.
    if (bytes === 0 || artifact.abi.length === 0) continue;
    console.log(
      `  ${artifact.contractName.padEnd(20)} ${fmt(bytes).padStart(7)} bytes  ${bytes < 24_576 ? "under" : "OVER"} the limit (${fmt(24_576 - bytes)} left)`,
    );
  }
}

async function benchAsset(asset: AssetName): Promise<void> {
  // Room for the 200+-DO runs; the 30M verification sets the limit to 30M and back.
  await rpc("evm_setBlockGasLimit", [toHex(200_000_000n)]);
  const w = await deployWorld(asset, {
    registeredDos: 0,
    registeredMpcs: 0,
    parameters: { timeoutBlocks: TIMEOUT_BLOCKS, maxDosPerJob: 500 },
    trustParameters: {
      challengeWindowBlocks: CHALLENGE_WINDOW,
      arbitrationBlocks: ARBITRATION,
      judgementBondBps: 1000,
    },
  });
  const b = new Bench(w, asset);
  await operationTable(b);
  if (w.token) await permitPaths(b);
  const fits = await scaling(b);
  printFits(fits);
  await largestJob(b, fits);
  if (asset === ASSETS[0]) await estimationCheck(b);
}

async function main(): Promise<void> {
  for (const asset of ASSETS) await benchAsset(asset);
  printMoneyPaths();
  await codeSizes();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

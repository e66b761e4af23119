// Gas benchmark (SPEC §10), run by `npm run bench:gas` on the in-process Hardhat network.
// Prints: the gas of every operation; placeOrder and settlement gas for jobs of 1..200 DOs with a
// linear fit (marginal gas per DO placed / per participant settled); the largest job that can be
// placed and settled inside a 30M-gas block (extrapolated, then verified by running it under a 30M
// block gas limit); and each deployed contract's code size against 24,576 bytes. It prints figures
// beside their budgets; it asserts nothing about timings.
import hre from "hardhat";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { keccak256, toHex, type Address, type Hash } from "viem";
import { deployWorld, type Market, type World } from "../../../contracts/test/helpers/world.cjs";

const BLOCK_30M = 30_000_000n;
const HORIZONTAL = 0;
const ALL = 0xffffffff;
const TRAINING = 0;
const COMPLETED = 2;
const IN_PROGRESS = 1;
const FAILED = 3;
const HEARTBEAT_TIMEOUT = 1;
const DO_PRICE = 1_000n;
const MPC_PRICE = 500n;
const MPCS_PER_JOB = 2;
const SIZES = [1, 10, 50, 100, 200];
const STAKE = 10n ** 21n;
// Longer than the number of heartbeats a 500-DO job sends, so only the silent DO times out.
const TIMEOUT_BLOCKS = 2_000;

let w: World;
let market: Market;
let admin: Address;
let gds: Address;
let qc: Address;
const doPool: Address[] = [];
const mpcPool: Address[] = [];
let jobSeq = 0;
let placeGasLimit = 100_000_000n;

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  return hre.network.provider.request({ method, params });
}

async function gasOf(hash: Promise<Hash>): Promise<bigint> {
  const client = await hre.viem.getPublicClient();
  const receipt = await client.getTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error("transaction reverted");
  return receipt.gasUsed;
}

/** A fresh funded, impersonated account that Hardhat signs for. */
async function newAccount(label: string, index: number): Promise<Address> {
  const address = `0x${keccak256(toHex(`fedpay-bench-${label}-${index}`)).slice(26)}` as Address;
  await rpc("hardhat_impersonateAccount", [address]);
  await rpc("hardhat_setBalance", [address, toHex(STAKE * 2n)]);
  return address;
}

async function ensureNodes(pool: Address[], role: number, count: number, label: string): Promise<void> {
  while (pool.length < count) {
    const node = await newAccount(label, pool.length);
    await w.register(node, role, STAKE);
    pool.push(node);
  }
}

function nextJobId(): Hash {
  jobSeq += 1;
  return `0x${"be0c".padEnd(16, "0")}${jobSeq.toString(16).padStart(16, "0")}` as Hash;
}

interface PlacedJob {
  id: Hash;
  dos: Address[];
  mpcs: Address[];
  gas: { placeOrder: bigint; assignMpcs: bigint; submitQuery: bigint };
}

/** Places, assigns and pays a Horizontal job of `n` DOs (taken from the pool from `offset`). */
async function dispatchJob(n: number, offset = 0): Promise<PlacedJob> {
  await ensureNodes(doPool, 1, offset + n, "do");
  await ensureNodes(mpcPool, 2, 8, "mpc");
  const id = nextJobId();
  const dos = doPool.slice(offset, offset + n);
  const mpcs = mpcPool.slice(0, MPCS_PER_JOB);
  // Explicit gas: right after the bench lowers the block gas limit (200M -> 30M) Hardhat under-estimated
  // 428+-DO orders once; estimationCheck shows what a wallet estimate does in steady state.
  const placeOrder = await gasOf(
    market.write.placeOrder([id, HORIZONTAL, qc, dos, dos.map(() => DO_PRICE), 1, MPCS_PER_JOB, 1, 0n], {
      account: gds,
      gas: placeGasLimit,
    }),
  );
  const assignMpcs = await gasOf(market.write.assignMpcs([id, mpcs, MPC_PRICE], { account: gds }));
  const total = (await market.read.getJob([id])).totalPrice;
  const submitQuery = await gasOf(market.write.submitQuery([id], { account: qc, value: total }));
  return { id, dos, mpcs, gas: { placeOrder, assignMpcs, submitQuery } };
}

const final = { taskType: TRAINING, epoch: ALL, batch: ALL, status: COMPLETED };

/** Happy path: every DO reports its part complete; returns the gas of the last (settling) update. */
async function settleHappy(job: PlacedJob): Promise<bigint> {
  for (const d of job.dos.slice(0, -1)) await market.write.updateJobStatus([job.id, final], { account: d });
  return gasOf(market.write.updateJobStatus([job.id, final], { account: job.dos[job.dos.length - 1] }));
}

/** Detected failure: the first DO goes silent past the timeout, everyone else stays alive. */
async function settleDetected(job: PlacedJob): Promise<bigint> {
  await mine(TIMEOUT_BLOCKS / 2);
  for (const p of [...job.dos.slice(1), ...job.mpcs]) await market.write.heartbeat({ account: p });
  await mine(TIMEOUT_BLOCKS / 2 + 2);
  return gasOf(market.write.reportFailure([job.id, [job.dos[0]], HEARTBEAT_TIMEOUT], { account: gds }));
}

/**
 * Self-reported failure: the first DO goes silent past the timeout while everyone else stays alive (a
 * 1-DO job has nobody silent), then the last DO reports Failed (the report records who is timed out at
 * the abort block) and the GDS settles the abort. Returns the gas of both transactions.
 */
async function settleAborted(job: PlacedJob): Promise<{ report: bigint; settle: bigint }> {
  const alive = [...(job.dos.length > 1 ? job.dos.slice(1) : job.dos), ...job.mpcs];
  await mine(TIMEOUT_BLOCKS / 2);
  for (const p of alive) await market.write.heartbeat({ account: p });
  await mine(TIMEOUT_BLOCKS / 2 + 2);
  const failed = { taskType: TRAINING, epoch: 0, batch: 0, status: FAILED };
  const reporter = job.dos[job.dos.length - 1];
  const report = await gasOf(market.write.updateJobStatus([job.id, failed], { account: reporter }));
  const settle = await gasOf(market.write.settleAbort([job.id], { account: gds }));
  return { report, settle };
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

const fmt = (v: bigint | number) => Math.round(Number(v)).toLocaleString("en-US");
const row = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
const verdict = (ok: boolean) => (ok ? "within" : "OVER");

async function operationTable(): Promise<void> {
  const rows: [string, bigint, string][] = [];
  const fresh = await newAccount("op", 0);
  rows.push([
    "registerNode (with stake)",
    await gasOf(market.write.registerNode([1], { account: fresh, value: 10n ** 18n })),
    "",
  ]);
  rows.push(["deposit", await gasOf(market.write.deposit({ account: fresh, value: 1_000n })), ""]);
  rows.push(["withdraw", await gasOf(market.write.withdraw([500n], { account: fresh })), ""]);
  rows.push(["heartbeat", await gasOf(market.write.heartbeat({ account: fresh })), ""]);

  const job = await dispatchJob(10);
  rows.push(["placeOrder (10 DOs)", job.gas.placeOrder, ""]);
  rows.push(["assignMpcs (2 MPCs, not dispatching)", job.gas.assignMpcs, ""]);
  rows.push(["submitQuery (pays in full, dispatches)", job.gas.submitQuery, ""]);
  const first = await gasOf(
    market.write.updateJobStatus([job.id, { taskType: TRAINING, epoch: 0, batch: 0, status: IN_PROGRESS }], {
      account: job.dos[0],
    }),
  );
  const next = await gasOf(
    market.write.updateJobStatus([job.id, { taskType: TRAINING, epoch: 0, batch: 1, status: IN_PROGRESS }], {
      account: job.dos[0],
    }),
  );
  const epochDone = await gasOf(
    market.write.updateJobStatus([job.id, { taskType: TRAINING, epoch: 0, batch: ALL, status: COMPLETED }], {
      account: job.dos[0],
    }),
  );
  rows.push(["updateJobStatus, first report", first, `budget <= 50,000: ${verdict(first <= 50_000n)}`]);
  rows.push(["updateJobStatus, next batch", next, `budget <= 50,000: ${verdict(next <= 50_000n)}`]);
  rows.push([
    "updateJobStatus, epoch completed",
    epochDone,
    `budget <= 50,000: ${verdict(epochDone <= 50_000n)}`,
  ]);
  rows.push([
    "requestMpcReplacement",
    await gasOf(market.write.requestMpcReplacement([job.id, job.mpcs[0]], { account: job.dos[1] })),
    "",
  ]);
  rows.push([
    "replaceMpc (locks C)",
    await gasOf(market.write.replaceMpc([job.id, job.mpcs[0], mpcPool[5]], { account: gds })),
    "",
  ]);
  rows.push([
    "cancelJob (QC, after dispatch, 10 DOs)",
    await gasOf(market.write.cancelJob([job.id], { account: qc })),
    "",
  ]);

  const failing = await dispatchJob(10, 10);
  rows.push(["reportFailure (1 timed-out DO of 10)", await settleDetected(failing), ""]);

  const aborting = await dispatchJob(10, 20);
  rows.push([
    "updateJobStatus Failed -> Aborting (10 DOs)",
    await gasOf(
      market.write.updateJobStatus(
        [aborting.id, { taskType: TRAINING, epoch: 0, batch: 0, status: FAILED }],
        {
          account: aborting.dos[0],
        },
      ),
    ),
    "records who is timed out",
  ]);
  rows.push([
    "settleAbort (GDS, 10 DOs)",
    await gasOf(market.write.settleAbort([aborting.id], { account: gds })),
    "",
  ]);

  await ensureNodes(doPool, 1, 50, "do");
  const toCancel = nextJobId();
  await market.write.placeOrder(
    [toCancel, HORIZONTAL, qc, doPool.slice(40, 50), doPool.slice(40, 50).map(() => DO_PRICE), 1, 2, 1, 0n],
    {
      account: gds,
    },
  );
  rows.push([
    "cancelJob (QC, before dispatch, 10 DOs)",
    await gasOf(market.write.cancelJob([toCancel], { account: qc })),
    "",
  ]);

  console.log("\nGas per operation");
  const widths = [46, 12, 30];
  console.log(row(["operation", "gas", "budget"], widths));
  for (const [name, gas, note] of rows) console.log(row([name, fmt(gas), note], widths));
}

async function scaling(): Promise<{
  place: ReturnType<typeof fit>;
  happy: ReturnType<typeof fit>;
  detected: ReturnType<typeof fit>;
  abortReport: ReturnType<typeof fit>;
  abortSettle: ReturnType<typeof fit>;
}> {
  const place: { x: number; y: bigint }[] = [];
  const happy: { x: number; y: bigint }[] = [];
  const detected: { x: number; y: bigint }[] = [];
  const abortReport: { x: number; y: bigint }[] = [];
  const abortSettle: { x: number; y: bigint }[] = [];
  console.log(`\nJob size scaling (Horizontal, ${MPCS_PER_JOB} MPCs; participants = DOs + ${MPCS_PER_JOB})`);
  const widths = [6, 14, 18, 22, 20, 18];
  console.log(
    row(
      [
        "DOs",
        "placeOrder",
        "settle: happy",
        "settle: detected fail",
        "abort: Failed report",
        "abort: settleAbort",
      ],
      widths,
    ),
  );
  for (const n of SIZES) {
    const a = await dispatchJob(n);
    const happyGas = await settleHappy(a);
    const b = await dispatchJob(n);
    const detectedGas = await settleDetected(b);
    const c = await dispatchJob(n);
    const aborted = await settleAborted(c);
    place.push({ x: n, y: a.gas.placeOrder });
    happy.push({ x: n + MPCS_PER_JOB, y: happyGas });
    detected.push({ x: n + MPCS_PER_JOB, y: detectedGas });
    abortReport.push({ x: n + MPCS_PER_JOB, y: aborted.report });
    abortSettle.push({ x: n + MPCS_PER_JOB, y: aborted.settle });
    console.log(
      row(
        [
          String(n),
          fmt(a.gas.placeOrder),
          fmt(happyGas),
          fmt(detectedGas),
          fmt(aborted.report),
          fmt(aborted.settle),
        ],
        widths,
      ),
    );
    if (n === 100) {
      const worst = [happyGas, detectedGas, aborted.settle].reduce((m, g) => (g > m ? g : m));
      console.log(
        `        100-DO job settles in <= ${fmt(worst)} gas (budget <= 3,000,000: ${verdict(worst <= 3_000_000n)})`,
      );
    }
  }
  return {
    place: fit(place),
    happy: fit(happy),
    detected: fit(detected),
    abortReport: fit(abortReport),
    abortSettle: fit(abortSettle),
  };
}

async function largestJob(f: Awaited<ReturnType<typeof scaling>>): Promise<void> {
  const maxByFit = (line: { slope: number; intercept: number }, participantsOffset: number) =>
    Math.floor((Number(BLOCK_30M) - line.intercept) / line.slope) - participantsOffset;
  const byPlace = maxByFit(f.place, 0);
  const byHappy = maxByFit(f.happy, MPCS_PER_JOB);
  const byDetected = maxByFit(f.detected, MPCS_PER_JOB);
  const byAbort = Math.min(maxByFit(f.abortReport, MPCS_PER_JOB), maxByFit(f.abortSettle, MPCS_PER_JOB));
  const extrapolated = Math.min(byPlace, byHappy, byDetected, byAbort);
  console.log("\nLargest job in one 30M-gas block");
  console.log(
    `  extrapolated: placeOrder ${fmt(byPlace)} DOs, happy settle ${fmt(byHappy)} DOs, detected-failure settle ${fmt(byDetected)} DOs, abort ${fmt(byAbort)} DOs -> ${fmt(extrapolated)} DOs`,
  );
  const cap = 500; // ParameterRules' hard bound on maxDosPerJob (the DO list is one data contract)
  let n = Math.min(extrapolated, cap);
  if (extrapolated > cap) console.log(`  the contract bounds maxDosPerJob at ${cap}: verifying ${cap}`);
  await rpc("evm_setBlockGasLimit", [toHex(BLOCK_30M)]);
  placeGasLimit = BLOCK_30M;
  // Verify by running it under a real 30M block gas limit; step down if the fit was optimistic.
  for (;;) {
    let stage = "placing the first job";
    try {
      const a = await dispatchJob(n);
      stage = "settling it (happy path)";
      const happyGas = await settleHappy(a);
      stage = "placing the second job";
      const b = await dispatchJob(n);
      stage = "settling it (detected failure)";
      const detectedGas = await settleDetected(b);
      stage = "placing the third job";
      const c = await dispatchJob(n);
      stage = "aborting and settling it";
      const aborted = await settleAborted(c);
      const fits = [a.gas.placeOrder, happyGas, detectedGas, aborted.report, aborted.settle].every(
        (g) => g <= BLOCK_30M,
      );
      console.log(
        `  verified ${n} DOs: placeOrder ${fmt(a.gas.placeOrder)}, happy settle ${fmt(happyGas)}, detected-failure settle ${fmt(detectedGas)}, Failed report ${fmt(aborted.report)}, settleAbort ${fmt(aborted.settle)} -> ${fits ? "fits" : "does NOT fit"} (budget >= 200 DOs: ${verdict(n >= 200 && fits)})`,
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
}

/**
 * Wallets and the dApp send what eth_estimateGas returns (plus a margin). The DO list is written with
 * a CREATE, which only gets 63/64 of the remaining gas, so a bare estimate can be too low for a large
 * order. Each trial uses DOs never locked before (the first lock of a node costs the most).
 */
async function estimationCheck(): Promise<void> {
  console.log("\nplaceOrder sent with its eth_estimateGas (30M block, DOs locking for the first time)");
  let fresh = 0;
  const trial = async (n: number, margin: boolean) => {
    const dos: Address[] = [];
    for (let i = 0; i < n; i++) {
      const node = await newAccount("fresh", fresh++);
      await w.register(node, 1, STAKE);
      dos.push(node);
    }
    const args = [nextJobId(), HORIZONTAL, qc, dos, dos.map(() => DO_PRICE), 1, MPCS_PER_JOB, 1, 0n] as const;
    const estimate = await market.estimateGas.placeOrder(args, { account: gds });
    const gas = margin ? (estimate * 5n) / 4n + 20_000n : estimate;
    try {
      const used = await gasOf(market.write.placeOrder(args, { account: gds, gas }));
      return `goes through (estimate ${fmt(estimate)}, used ${fmt(used)})`;
    } catch (error) {
      const reason = /custom error '(\w+)/.exec(String((error as Error).message))?.[1] ?? "reverted";
      return `FAILS with ${reason} (estimate ${fmt(estimate)}, sent with ${fmt(gas)})`;
    }
  };
  for (const n of [200, 400, 500]) {
    console.log(`  ${String(n).padStart(3)} DOs, bare estimate:             ${await trial(n, false)}`);
    console.log(`  ${String(n).padStart(3)} DOs, estimate * 1.25 + 20,000:  ${await trial(n, true)}`);
  }
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

async function main(): Promise<void> {
  // Room for the 200+-DO runs; the 30M verification sets the limit back to 30M.
  await rpc("evm_setBlockGasLimit", [toHex(200_000_000n)]);
  w = await deployWorld("native", { registeredDos: 0, registeredMpcs: 0 });
  market = w.market;
  admin = w.admin.account.address;
  gds = w.gds.account.address;
  qc = w.qc.account.address;
  const params = await market.read.parameters();
  await market.write.setParameters([{ ...params, timeoutBlocks: TIMEOUT_BLOCKS, maxDosPerJob: 500 }], {
    account: admin,
  });

  await operationTable();
  const f = await scaling();
  console.log("\nMarginal gas (least-squares fit over the sizes above)");
  console.log(
    `  placing, per extra DO:               ${fmt(f.place.slope)}  (budget <= 50,000: ${verdict(f.place.slope <= 50_000)})`,
  );
  console.log(
    `  settling happy, per extra participant: ${fmt(f.happy.slope)}  (budget <= 15,000: ${verdict(f.happy.slope <= 15_000)})`,
  );
  console.log(
    `  settling detected failure, per extra participant: ${fmt(f.detected.slope)}  (budget <= 15,000: ${verdict(f.detected.slope <= 15_000)})`,
  );
  console.log(
    `  settling an abort, per extra participant: ${fmt(f.abortSettle.slope)}  (budget <= 15,000: ${verdict(f.abortSettle.slope <= 15_000)}); its Failed report, per extra participant: ${fmt(f.abortReport.slope)}`,
  );
  await largestJob(f);
  await estimationCheck();
  await codeSizes();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

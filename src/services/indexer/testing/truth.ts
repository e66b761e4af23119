// The chain's truth beside the indexer's rows: every comparison the tests make, with the chain read
// directly (eth_getLogs over the market's whole life, and its views at the latest block).
import { type Address, type Hex, formatLog, parseEventLogs } from "viem";
import { expect } from "vitest";
import { jobMarketAbi } from "../abi.ts";
import { queryIndexer } from "../queries.ts";
import { devAccounts, type MarketFixture } from "./chain.ts";

/** A value as the indexer's JSON holds it: bigints as decimal strings, hex lowercase. */
export function asIndexed(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.startsWith("0x") ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(asIndexed);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asIndexed(v)]));
  return value;
}

export interface ChainLog {
  name: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  txHash: Hex;
}

export async function chainLogs(f: MarketFixture, fromBlock: bigint): Promise<ChainLog[]> {
  const raw = await f.rpc<unknown[]>("eth_getLogs", [
    { address: f.market, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: "latest" },
  ]);
  const logs = parseEventLogs({ abi: jobMarketAbi, logs: raw.map((l) => formatLog(l as never)) });
  expect(logs.length, "every market log decodes with the ABI").toBe(raw.length);
  return logs.map((l) => ({
    name: l.eventName,
    args: l.args as Record<string, unknown>,
    blockNumber: l.blockNumber,
    logIndex: l.logIndex,
    txHash: l.transactionHash,
  }));
}

/** Every row of a plural GraphQL field, page by page (Ponder caps a page at 1,000). */
export async function listAll<T>(url: string, field: string, selection: string, args = ""): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, { items: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> =
      await queryIndexer(
        url,
        `query($after: String) { ${field}(${args ? `${args}, ` : ""}limit: 1000, after: $after) {
          items { ${selection} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
    const page = data[field]!;
    rows.push(...page.items);
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

interface IndexedEvent {
  name: string;
  blockNumber: string;
  logIndex: number;
  txHash: string;
  jobId: string | null;
  args: Record<string, unknown>;
}

/** The timeline holds exactly the chain's logs, in chain order, with the same decoded arguments. */
export async function expectTimelineMatches(url: string, logs: ChainLog[]): Promise<void> {
  const indexed = await listAll<IndexedEvent>(
    url,
    "marketEvents",
    "name blockNumber logIndex txHash jobId args",
    'orderBy: "id", orderDirection: "asc"',
  );
  expect(indexed.map((e) => `${e.blockNumber}:${e.logIndex}`)).toEqual(
    logs.map((l) => `${l.blockNumber}:${l.logIndex}`),
  );
  expect(indexed).toEqual(
    logs.map((l) => ({
      name: l.name,
      blockNumber: l.blockNumber.toString(),
      logIndex: l.logIndex,
      txHash: l.txHash.toLowerCase(),
      jobId: typeof l.args.id === "string" ? l.args.id.toLowerCase() : null,
      args: asIndexed(l.args),
    })),
  );
}

interface JobView {
  id: Hex;
  state: number;
  jobType: number;
  qc: Address;
  gds: Address;
  modelComplexityFactor: number;
  mpcCount: number;
  totalEpochs: number;
  replacements: number;
  mpcsAssigned: boolean;
  quote: bigint;
  mpcPrice: bigint;
  totalPrice: bigint;
  collateral: bigint;
  paid: bigint;
  orderedAt: bigint;
  dispatchedAt: bigint;
  abortedAt: bigint;
  settledAt: bigint;
  abortReporter: Address;
  params: { timeoutBlocks: number; orderExpiryBlocks: number; gdsFeeBps: number };
}

interface ParticipantView {
  account: Address;
  role: number;
  fee: bigint;
  lastStatus: { taskType: number; epoch: number; batch: number; status: number };
  reported: boolean;
  completedEpochs: number;
  partComplete: boolean;
  failed: boolean;
  replacementRequested: boolean;
}

const JOB_SELECTION = `id jobType qc gds state quote mpcPrice totalPrice totalEpochs modelComplexityFactor mpcCount
  collateral dos mpcs escrow paid fined rewarded refunded replacements timeoutBlocks orderExpiryBlocks gdsFeeBps
  orderedBlock dispatchedBlock abortedBlock abortReporter settledBlock
  participants(limit: 1000) { items { account role current fee taskType epoch batch status completedEpochs
    partComplete failed replacementRequested collateral } }`;

type Row = Record<string, unknown>;
const orNull = (block: bigint) => (block === 0n ? null : block.toString());

/** Every job, and its current participants, as getJob / getParticipants / getProgress show them. */
export async function expectJobsMatch(f: MarketFixture, url: string): Promise<void> {
  const count = Number(await f.read<bigint>("jobCount"));
  const indexed = new Map(
    (await listAll<Row>(url, "jobs", JOB_SELECTION)).map((row) => [row.id as string, row]),
  );
  expect(indexed.size).toBe(count);
  for (let i = 0; i < count; i++) {
    const id = await f.read<Hex>("jobIdAt", [BigInt(i)]);
    const view = await f.read<JobView>("getJob", [id]);
    const [dos, , mpcs] = await f.read<[Address[], bigint[], Address[]]>("getParticipants", [id]);
    const progress = await f.read<ParticipantView[]>("getProgress", [id]);
    const row = indexed.get(id.toLowerCase());
    expect(row, `job ${id} is indexed`).toBeDefined();
    const { participants, ...fields } = row as Row & { participants: { items: Row[] } };
    expect(fields).toMatchObject(
      asIndexed({
        id,
        jobType: view.jobType,
        qc: view.qc,
        gds: view.gds,
        state: view.state,
        quote: view.quote,
        mpcPrice: view.mpcPrice,
        totalPrice: view.mpcsAssigned ? view.totalPrice : null,
        totalEpochs: BigInt(view.totalEpochs),
        modelComplexityFactor: BigInt(view.modelComplexityFactor),
        mpcCount: view.mpcCount,
        collateral: view.collateral,
        dos,
        mpcs,
        escrow: view.paid,
        replacements: view.replacements,
        timeoutBlocks: view.params.timeoutBlocks,
        orderExpiryBlocks: view.params.orderExpiryBlocks,
        gdsFeeBps: view.params.gdsFeeBps,
        orderedBlock: view.orderedAt,
        dispatchedBlock: orNull(view.dispatchedAt),
        abortedBlock: orNull(view.abortedAt),
        abortReporter: view.abortedAt === 0n ? null : view.abortReporter,
        settledBlock: orNull(view.settledAt),
      }) as Row,
    );
    // What a settled job paid out is what it held: the QC's payment and the fines (docs/rules.md §8).
    if (view.settledAt !== 0n) {
      expect(BigInt(fields.rewarded as string) + BigInt(fields.refunded as string)).toBe(
        BigInt(fields.paid as string) + BigInt(fields.fined as string),
      );
    }
    const current = participants.items.filter((p) => p.current);
    expect(current.map((p) => p.account).sort()).toEqual(progress.map((p) => p.account.toLowerCase()).sort());
    for (const p of progress) {
      const part = current.find((c) => c.account === p.account.toLowerCase());
      expect(part, `participant ${p.account} of ${id}`).toMatchObject(
        asIndexed({
          role: p.role,
          fee: p.fee,
          completedEpochs: BigInt(p.completedEpochs),
          partComplete: p.partComplete,
          failed: p.failed,
          replacementRequested: p.replacementRequested,
          ...(p.reported
            ? {
                taskType: p.lastStatus.taskType,
                epoch: BigInt(p.lastStatus.epoch),
                batch: BigInt(p.lastStatus.batch),
                status: p.lastStatus.status,
              }
            : { status: null }),
        }) as Row,
      );
    }
    // A settled job holds no collateral of anyone any more.
    if (view.settledAt !== 0n) for (const p of participants.items) expect(p.collateral).toBe("0");
  }
}

interface NodeView {
  role: number;
  balance: bigint;
  locked: bigint;
  lastHeartbeat: bigint;
  activeJobs: number;
}

/** Every dev account's money and registration, as stakeOf / getNode show them. */
export async function expectAccountsMatch(f: MarketFixture, url: string): Promise<void> {
  const balances = new Map(
    (await listAll<Row>(url, "balances", "account free locked")).map((r) => [r.account as string, r]),
  );
  const nodes = new Map(
    (await listAll<Row>(url, "nodes", "account role lastHeartbeatBlock activeJobs")).map((r) => [
      r.account as string,
      r,
    ]),
  );
  for (const { address } of devAccounts) {
    const [free, locked] = await f.read<[bigint, bigint]>("stakeOf", [address]);
    const view = await f.read<NodeView>("getNode", [address]);
    const key = address.toLowerCase();
    expect(balances.get(key) ?? { account: key, free: "0", locked: "0" }, `balance of ${address}`).toEqual(
      asIndexed({ account: address, free, locked }),
    );
    const node = nodes.get(key);
    if (view.lastHeartbeat === 0n) expect(node, `${address} never registered`).toBeUndefined();
    else
      expect(node, `node ${address}`).toEqual(
        asIndexed({
          account: address,
          role: view.role,
          lastHeartbeatBlock: view.lastHeartbeat,
          activeJobs: view.activeJobs,
        }),
      );
  }
}

/** The market's totals and the days' rows agree with the chain and with each other. */
export async function expectTotalsMatch(f: MarketFixture, url: string, logs: ChainLog[]): Promise<void> {
  const count = Number(await f.read<bigint>("jobCount"));
  const byState = Array<number>(9).fill(0);
  let escrow = 0n;
  for (let i = 0; i < count; i++) {
    const view = await f.read<JobView>("getJob", [await f.read<Hex>("jobIdAt", [BigInt(i)])]);
    byState[view.state]! += 1;
    escrow += view.paid;
  }
  let locked = 0n;
  for (const { address } of devAccounts) locked += (await f.read<[bigint, bigint]>("stakeOf", [address]))[1];
  const sum = (name: string, field: string) =>
    logs
      .filter((l) => l.name === name)
      .reduce((total, l) => {
        const value = l.args[field];
        return (
          total + (Array.isArray(value) ? (value as bigint[]).reduce((a, b) => a + b, 0n) : (value as bigint))
        );
      }, 0n);
  const data = await queryIndexer<{ market: Row }>(
    url,
    `query($address: String!) { market(address: $address) {
      jobsByState jobs nodes events escrow collateralLocked paidIn fined rewarded refunded deposited withdrawn } }`,
    { address: f.market },
  );
  const totals = {
    jobsByState: byState,
    jobs: count,
    nodes: Number(await f.read<bigint>("nodeCount")),
    events: logs.length,
    escrow,
    collateralLocked: locked,
    paidIn: sum("QuerySubmitted", "amount"),
    fined: sum("Fined", "amount"),
    rewarded: sum("RewardDistributed", "amounts"),
    refunded: sum("Refund", "amounts"),
    deposited: sum("Deposited", "amount") + sum("NodeRegistered", "stake"),
    withdrawn: sum("Withdrawn", "amount"),
  };
  expect(data.market).toEqual(asIndexed(totals));

  const days = await listAll<Row>(
    url,
    "dailyStats",
    "day jobsByState escrow collateralLocked jobsOrdered jobsSettled paidIn fined rewarded refunded events",
    'orderBy: "day"',
  );
  const total = (field: string) => days.reduce((s, d) => s + BigInt(d[field] as string | number), 0n);
  expect(total("events")).toBe(BigInt(logs.length));
  expect(total("jobsOrdered")).toBe(BigInt(count));
  expect(total("jobsSettled")).toBe(BigInt(logs.filter((l) => l.name === "JobSettled").length));
  for (const field of ["paidIn", "fined", "rewarded", "refunded"] as const) {
    expect(total(field).toString(), `sum of the days' ${field}`).toBe(totals[field].toString());
  }
  const last = days[days.length - 1]!;
  expect({
    jobsByState: last.jobsByState,
    escrow: last.escrow,
    collateralLocked: last.collateralLocked,
  }).toEqual(asIndexed({ jobsByState: byState, escrow, collateralLocked: locked }));
}

/** Every credit, refund and fine of the chain is one settlement row with its amount, and nothing else is. */
export async function expectSettlementsMatch(url: string, logs: ChainLog[]): Promise<void> {
  const expected: string[] = [];
  for (const l of logs) {
    const id = String(l.args.id).toLowerCase();
    if (l.name === "Fined")
      expected.push(`${id} ${String(l.args.offender).toLowerCase()} fine ${l.args.amount}`);
    if (l.name === "RewardDistributed" || l.name === "Refund") {
      const kind = l.name === "Refund" ? "refund" : "credit";
      (l.args.recipients as Address[]).forEach((r, i) =>
        expected.push(`${id} ${r.toLowerCase()} ${kind} ${(l.args.amounts as bigint[])[i]}`),
      );
    }
  }
  const rows = await listAll<Row>(url, "settlements", "jobId account kind amount", 'orderBy: "id"');
  expect(rows.map((r) => `${r.jobId} ${r.account} ${r.kind} ${r.amount}`)).toEqual(expected);
}

/** Everything the indexer holds matches the chain now. */
export async function expectIndexMatchesChain(
  f: MarketFixture,
  url: string,
  fromBlock: bigint,
): Promise<ChainLog[]> {
  const logs = await chainLogs(f, fromBlock);
  await expectTimelineMatches(url, logs);
  await expectSettlementsMatch(url, logs);
  await expectJobsMatch(f, url);
  await expectAccountsMatch(f, url);
  await expectTotalsMatch(f, url, logs);
  return logs;
}

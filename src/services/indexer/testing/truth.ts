// The chain's truth beside the indexer's rows: every comparison the tests make, with the chain read
// directly (eth_getLogs over the market's whole life, and its views at the latest block).
import { type Address, type Hex, formatLog, parseEventLogs } from "viem";
import { expect } from "vitest";
import { jobMarketAbi } from "../abi.ts";
import { queryIndexer } from "../../../protocol/indexer-api/client.ts";
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
  judgedAt: bigint;
  challengeDeadline: bigint;
  arbitrationDeadline: bigint;
  bond: bigint;
  named: readonly Address[];
  challenger: Address;
  params: {
    timeoutBlocks: number;
    orderExpiryBlocks: number;
    gdsFeeBps: number;
    challengeWindowBlocks: number;
    arbitrationBlocks: number;
    judgementBondBps: number;
  };
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
  named: boolean;
}

const JOB_SELECTION = `id jobType qc gds state quote mpcPrice totalPrice totalEpochs modelComplexityFactor mpcCount
  collateral dos mpcs escrow paid fined rewarded refunded replacements timeoutBlocks orderExpiryBlocks gdsFeeBps
  challengeWindowBlocks arbitrationBlocks judgementBondBps bond bondReleased bondForfeited
  orderedBlock dispatchedBlock abortedBlock abortReporter judgedBlock challengedBlock settledBlock
  participants(limit: 1000) { items { account role current fee taskType epoch batch status completedEpochs
    partComplete failed replacementRequested named collateral } }
  judgement { gds named bond judgedBlock challengeDeadline arbitrationDeadline challenger challengedBlock
    arbiter upheld outcome settledBy bondReleased bondForfeited settledBlock }`;

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
    const { participants, judgement, ...fields } = row as Row & {
      participants: { items: Row[] };
      judgement: Row | null;
    };
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
        challengeWindowBlocks: view.params.challengeWindowBlocks,
        arbitrationBlocks: view.params.arbitrationBlocks,
        judgementBondBps: view.params.judgementBondBps,
        bond: view.bond,
        judgedBlock: orNull(view.judgedAt),
        orderedBlock: view.orderedAt,
        dispatchedBlock: orNull(view.dispatchedAt),
        abortedBlock: orNull(view.abortedAt),
        abortReporter: view.abortedAt === 0n ? null : view.abortReporter,
        settledBlock: orNull(view.settledAt),
      }) as Row,
    );
    // What a settled job paid out is what it held: the QC's payment, the fines and a forfeited
    // judgement bond (docs/rules.md §8, §11.7).
    if (view.settledAt !== 0n) {
      expect(BigInt(fields.rewarded as string) + BigInt(fields.refunded as string)).toBe(
        BigInt(fields.paid as string) +
          BigInt(fields.fined as string) +
          BigInt(fields.bondForfeited as string),
      );
    }
    await expectJudgementMatches(f, id, view, judgement);
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
          named: p.named,
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

/** A judged job's judgement row against getJob and the settlement's logs; none for a job never judged. */
async function expectJudgementMatches(
  f: MarketFixture,
  id: Hex,
  view: JobView,
  row: Row | null,
): Promise<void> {
  if (view.judgedAt === 0n) {
    expect(row, `job ${id} was never judged`).toBeNull();
    return;
  }
  expect(row, `job ${id}'s judgement is indexed`).not.toBeNull();
  const judged = row!;
  const settled = view.settledAt !== 0n;
  const zero = "0x0000000000000000000000000000000000000000";
  expect({ ...judged, named: [...(judged.named as string[])].sort() }).toMatchObject(
    asIndexed({
      gds: view.gds,
      named: view.named.map((a) => a.toLowerCase()).sort(),
      bond: view.bond,
      judgedBlock: view.judgedAt,
      challengeDeadline: view.challengeDeadline,
      arbitrationDeadline: view.arbitrationDeadline,
      challenger: view.challenger === zero ? null : view.challenger,
      settledBlock: settled ? view.settledAt : null,
    }) as Row,
  );
  // The bond is either back with the GDS (BondReleased) or forfeited to the overturned: nothing is lost.
  if (settled) {
    const [released] = await bondReleasedIn(f, id);
    expect(judged.bondReleased).toBe(String(released ?? 0n));
    expect(BigInt(judged.bondReleased as string) + BigInt(judged.bondForfeited as string)).toBe(view.bond);
  } else expect(judged.outcome).toBe(view.challenger === zero ? "pending" : "challenged");
}

async function bondReleasedIn(f: MarketFixture, id: Hex): Promise<bigint[]> {
  const logs = await f.ctx.publicClient.getContractEvents({
    address: f.market,
    abi: jobMarketAbi,
    eventName: "BondReleased",
    args: { id },
    fromBlock: 0n,
  });
  return logs.map((l) => l.args.amount!);
}

interface NodeView {
  role: number;
  balance: bigint;
  locked: bigint;
  lastHeartbeat: bigint;
  activeJobs: number;
  termsSet: boolean;
  terms: { accepting: boolean; gds: Address; minFee: bigint; maxCollateral: bigint };
}

/** Every dev account's money, registration and terms, as stakeOf / getNode show them. */
export async function expectAccountsMatch(f: MarketFixture, url: string): Promise<void> {
  const balances = new Map(
    (await listAll<Row>(url, "balances", "account free locked")).map((r) => [r.account as string, r]),
  );
  const terms = new Map(
    (await listAll<Row>(url, "nodeTerms", "account accepting gds minFee maxCollateral")).map((r) => [
      r.account as string,
      r,
    ]),
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
    if (view.termsSet)
      expect(terms.get(key), `terms of ${address}`).toEqual(asIndexed({ account: address, ...view.terms }));
    else expect(terms.get(key), `${address} set no terms`).toBeUndefined();
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
  let bonds = 0n;
  for (let i = 0; i < count; i++) {
    const view = await f.read<JobView>("getJob", [await f.read<Hex>("jobIdAt", [BigInt(i)])]);
    byState[view.state]! += 1;
    escrow += view.paid;
    if (view.judgedAt !== 0n && view.settledAt === 0n) bonds += view.bond;
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
      jobsByState jobs nodes events escrow collateralLocked bonds paidIn fined rewarded refunded deposited
      withdrawn } }`,
    { address: f.market },
  );
  const totals = {
    jobsByState: byState,
    jobs: count,
    nodes: Number(await f.read<bigint>("nodeCount")),
    events: logs.length,
    escrow,
    collateralLocked: locked,
    bonds,
    paidIn: sum("QuerySubmitted", "amount"),
    fined: sum("Fined", "amount"),
    rewarded: sum("RewardDistributed", "amounts"),
    refunded: sum("Refund", "amounts"),
    deposited: sum("Deposited", "amount") + sum("NodeRegistered", "stake"),
    withdrawn: sum("Withdrawn", "amount"),
  };
  expect(data.market).toEqual(asIndexed(totals));
  const bonded = await listAll<Row>(url, "balances", "bonded");
  expect(
    bonded.reduce((s, b) => s + BigInt(b.bonded as string), 0n),
    "bonds held, by GDS",
  ).toBe(bonds);

  const days = await listAll<Row>(
    url,
    "dailyStats",
    "day jobsByState escrow collateralLocked bonds jobsOrdered jobsSettled paidIn fined rewarded refunded events judgements",
    'orderBy: "day"',
  );
  const total = (field: string) => days.reduce((s, d) => s + BigInt(d[field] as string | number), 0n);
  expect(total("events")).toBe(BigInt(logs.length));
  expect(total("jobsOrdered")).toBe(BigInt(count));
  expect(total("jobsSettled")).toBe(BigInt(logs.filter((l) => l.name === "JobSettled").length));
  expect(total("judgements")).toBe(BigInt(logs.filter((l) => l.name === "JobJudged").length));
  for (const field of ["paidIn", "fined", "rewarded", "refunded"] as const) {
    expect(total(field).toString(), `sum of the days' ${field}`).toBe(totals[field].toString());
  }
  const last = days[days.length - 1]!;
  expect({
    jobsByState: last.jobsByState,
    escrow: last.escrow,
    collateralLocked: last.collateralLocked,
    bonds: last.bonds,
  }).toEqual(asIndexed({ jobsByState: byState, escrow, collateralLocked: locked, bonds }));
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

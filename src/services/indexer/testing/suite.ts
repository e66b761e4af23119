// The indexer's tests, run once on PGlite and once on PostgreSQL: a real anvil with the market the
// deploy script deploys, real transactions making every event, and the real indexer (`ponder start`
// as npm start runs it) checked row for row against the chain's logs and views.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { and, asc, createClient, desc, eq } from "@ponder/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobMarketAbi } from "../abi.ts";
import * as schema from "../ponder.schema.ts";
import { isSettled } from "../../../protocol/enums.ts";
import { queryIndexer } from "../../../protocol/indexer-api/client.ts";
import {
  DASHBOARD,
  FEED_HISTORY,
  JOB_PAGE,
  NODE_LISTS,
  NODE_PAGE,
  QC_LISTS,
  QC_PAGE,
} from "../../../protocol/indexer-api/documents.ts";
import { type IndexerProcess, startIndexerProcess } from "../spawn.ts";
import { dos, freePort, gds, type MarketFixture, mpcs, qc, startMarket, withInstantSends } from "./chain.ts";
import { type DrivenJobs, driveEveryEvent, driveMore } from "./drive.ts";
import { postgresBinDir, type PostgresServer, startPostgres } from "./postgres.ts";
import { asIndexed, chainLogs, expectIndexMatchesChain } from "./truth.ts";

/**
 * Every event of the market's ABI must be indexed at least once, but those the market never emits
 * after its deployment block under these scenarios: RoleAdminChanged (no role's admin is changed).
 */
const NEVER_EMITTED = new Set(["RoleAdminChanged"]);
const MARKET_EVENTS = jobMarketAbi.flatMap((item) =>
  item.type === "event" && !NEVER_EMITTED.has(item.name) ? [item.name] : [],
);

export type Database = "pglite" | "postgres";

export function postgresAvailable(): boolean {
  return postgresBinDir() !== undefined;
}

export function indexerSuite(database: Database): void {
  describe(`the indexer on ${database}`, () => {
    let f: MarketFixture;
    let postgres: PostgresServer | undefined;
    let indexer: IndexerProcess | undefined;
    let url: string;
    let startBlock: bigint;
    let jobs: DrivenJobs;
    const lines: string[] = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-indexer-"));

    const startIndexer = async () => {
      lines.length = 0;
      indexer = await startIndexerProcess({
        env: {
          FEDPAY_RPC_URL: f.anvil.rpcUrl,
          FEDPAY_MARKET: f.market,
          FEDPAY_START_BLOCK: String(startBlock),
          FEDPAY_INDEXER_DATA_DIR: path.join(dataDir, "pglite"),
          FEDPAY_INDEXER_POLL_MS: "100",
        },
        databaseUrl: postgres?.url ?? "",
        port: await freePort(),
        log: (line) => {
          lines.push(line);
          if (process.env.INDEXER_DEBUG) console.log(`[indexer] ${line}`);
        },
      });
      url = await indexer.url;
    };

    /** Until the indexer has indexed the chain's head block. */
    const caughtUp = async () => indexer!.indexed(await f.blockNumber(), 60_000);

    beforeAll(async () => {
      [f, postgres] = await Promise.all([
        startMarket({ timeoutBlocks: 20, orderExpiryBlocks: 10, abortGraceBlocks: 5 }).then(withInstantSends),
        database === "postgres" ? startPostgres() : Promise.resolve(undefined),
      ]);
      const first = await f.rpc<{ blockNumber: Hex }[]>("eth_getLogs", [
        { address: f.market, fromBlock: "0x0", toBlock: "latest" },
      ]);
      startBlock = BigInt(first[0]!.blockNumber);
      // The history exists before the indexer starts: most of it is backfilled, the newest blocks
      // (within Ponder's finality distance) are indexed live.
      jobs = await driveEveryEvent(f);
      await startIndexer();
      await caughtUp();
    }, 180_000);

    afterAll(async () => {
      await indexer?.stop();
      await f?.stop();
      await postgres?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("indexes every event into its tables, to the wei", async () => {
      const logs = await expectIndexMatchesChain(f, url, startBlock);
      const names = new Set(logs.map((l) => l.name));
      expect(
        MARKET_EVENTS.filter((name) => !names.has(name)),
        "event kinds the scenarios never made",
      ).toEqual([]);
    }, 120_000);

    it("answers each page with one query", async () => {
      const logs = await chainLogs(f, startBlock);
      const id = jobs.aborted;
      const page = await queryIndexer<{ job: { state: number; events: { items: { name: string }[] } } }>(
        url,
        JOB_PAGE,
        { id },
      );
      expect(page.job.events.items.map((e) => e.name)).toEqual(
        logs.filter((l) => l.args.id === id).map((l) => l.name),
      );

      const qcPage = await queryIndexer<{
        jobs: { totalCount: number; items: { id: string }[] };
        refunds: { items: { jobId: string; amount: string }[] };
      }>(url, QC_PAGE, { qc });
      const refunds = logs
        .filter((l) => l.name === "Refund")
        .flatMap((l) =>
          (l.args.recipients as string[]).flatMap((r, i) =>
            r === qc ? [{ jobId: String(l.args.id), amount: (l.args.amounts as bigint[])[i]! }] : [],
          ),
        )
        .reverse();
      expect(qcPage.refunds.items.map(({ jobId, amount }) => ({ jobId, amount }))).toEqual(
        asIndexed(refunds),
      );
      expect(qcPage.jobs.totalCount).toBe(
        logs.filter((l) => l.name === "JobOrdered" && l.args.qc === qc).length,
      );

      // The node page: every job the node locked collateral in (an MPC assigned twice counts once).
      const node = mpcs[0]!;
      const nodePage = await queryIndexer<{ participants: { items: { jobId: string }[] } }>(url, NODE_PAGE, {
        node,
      });
      const locked = new Set(
        logs
          .filter((l) => l.name === "CollateralLocked" && l.args.node === node)
          .map((l) => String(l.args.id).toLowerCase()),
      );
      expect(new Set(nodePage.participants.items.map((p) => p.jobId))).toEqual(locked);

      // The pages' lists (QC_LISTS, NODE_LISTS): open and settled split by state, paged and counted.
      type Lists = Record<
        "open" | "settled",
        { totalCount: number; items: { id: string; state?: number }[] }
      >;
      const states = await Promise.all(
        [...locked].map(
          async (id) => [id, Number((await f.read<{ state: number }>("getJob", [id])).state)] as const,
        ),
      );
      const settledIds = new Set(states.filter(([, s]) => isSettled(s)).map(([id]) => id));
      const nodeLists = await queryIndexer<Lists>(url, NODE_LISTS, {
        node: node.toLowerCase(),
        openLimit: 1000,
        settledLimit: 1000,
      });
      expect(new Set(nodeLists.settled.items.map((j) => j.id))).toEqual(settledIds);
      expect(new Set(nodeLists.open.items.map((j) => j.id))).toEqual(
        new Set([...locked].filter((id) => !settledIds.has(id))),
      );
      expect(nodeLists.open.totalCount + nodeLists.settled.totalCount).toBe(locked.size);
      // A refund of nothing is no refund on the page (creditsTo drops it too).
      const paidBack = refunds.filter((r) => r.amount > 0n);
      const firstRefund = await queryIndexer<{ refunds: { totalCount: number; items: { jobId: string }[] } }>(
        url,
        QC_LISTS,
        { qc, refundsLimit: 1, refundsOffset: 1 },
      );
      expect(firstRefund.refunds.totalCount).toBe(paidBack.length);
      expect(firstRefund.refunds.items.map((r) => r.jobId)).toEqual(
        paidBack.slice(1, 2).map((r) => r.jobId.toLowerCase()),
      );

      const feed = await queryIndexer<{
        marketEvents: { items: { name: string; blockNumber: string; logIndex: number }[] };
      }>(url, FEED_HISTORY, { limit: 7 });
      const kinds = new Set(["JobDispatched", "JobStatusUpdated", "RewardDistributed", "Refund"]);
      expect(feed.marketEvents.items.map((e) => `${e.name}@${e.blockNumber}:${e.logIndex}`)).toEqual(
        logs
          .filter((l) => kinds.has(l.name))
          .slice(-7)
          .reverse()
          .map((l) => `${l.name}@${l.blockNumber}:${l.logIndex}`),
      );

      const dashboard = await queryIndexer<{
        jobs: { totalCount: number; items: { state: number }[] };
        nodes: { totalCount: number };
        dailyStats: { items: unknown[] };
        feed: { items: unknown[] };
      }>(url, DASHBOARD, { market: f.market, jobWhere: { state: 6 }, jobs: 10 });
      expect(dashboard.jobs.totalCount).toBe(2); // the two cancelled jobs
      expect(dashboard.jobs.items.map((j) => j.state)).toEqual([6, 6]);
      expect(dashboard.nodes.totalCount).toBe(Number(await f.read<bigint>("nodeCount")));
      expect(dashboard.dailyStats.items.length).toBeGreaterThan(0);
      expect(dashboard.feed.items.length).toBe(Math.min(50, logs.filter((l) => kinds.has(l.name)).length));
    }, 60_000);

    it("follows each judgement to its end: window, arbiter, deadline", async () => {
      const judged = async (id: Hex) =>
        (
          await queryIndexer<{
            job: { state: number; bond: string; bondForfeited: string; judgement: Record<string, unknown> };
          }>(url, JOB_PAGE, { id })
        ).job;
      const window = await judged(jobs.nonCompliant);
      expect(window.state).toBe(5);
      expect(window.judgement).toMatchObject({ outcome: "upheld", settledBy: "window", challenger: null });
      expect(window.bondForfeited).toBe("0");

      // Two named, one upheld: half the bond goes to the overturned DO, as a credit of the job.
      const arbiter = await judged(jobs.challenged);
      expect(arbiter.judgement).toMatchObject({
        outcome: "partly upheld",
        settledBy: "arbiter",
        challenger: dos[1]!.toLowerCase(),
        upheld: [dos[0]!.toLowerCase()],
      });
      expect(BigInt(arbiter.bondForfeited)).toBe(BigInt(arbiter.bond) / 2n);
      expect(BigInt(arbiter.bondForfeited)).toBeGreaterThan(0n);

      const unruled = await judged(jobs.unruled);
      expect(unruled.state).toBe(5);
      expect(unruled.judgement).toMatchObject({
        outcome: "overturned",
        settledBy: "deadline",
        arbiter: null,
      });
      const terms = await queryIndexer<{ nodeTerm: { minFee: string; updates: number } }>(url, NODE_PAGE, {
        node: dos[0],
      });
      expect(terms.nodeTerm).toMatchObject({ minFee: "1", updates: 2 });
    }, 60_000);

    it("answers SQL over HTTP (@ponder/client) as it answers GraphQL", async () => {
      const client = createClient(`${url}/sql`, { schema });
      const timeline = await client.db
        .select({ name: schema.marketEvent.name, args: schema.marketEvent.args })
        .from(schema.marketEvent)
        .where(eq(schema.marketEvent.jobId, jobs.completed))
        .orderBy(asc(schema.marketEvent.id));
      const graphql = await queryIndexer<{ job: { events: { items: { name: string; args: unknown }[] } } }>(
        url,
        JOB_PAGE,
        { id: jobs.completed },
      );
      expect(timeline).toEqual(graphql.job.events.items.map(({ name, args }) => ({ name, args })));
      const refunds = await client.db
        .select({ jobId: schema.settlement.jobId, amount: schema.settlement.amount })
        .from(schema.settlement)
        .where(and(eq(schema.settlement.account, qc), eq(schema.settlement.kind, "refund")))
        .orderBy(desc(schema.settlement.id));
      const qcPage = await queryIndexer<{ refunds: { items: { jobId: string; amount: string }[] } }>(
        url,
        QC_PAGE,
        {
          qc,
        },
      );
      expect(refunds.map((r) => ({ jobId: r.jobId, amount: r.amount.toString() }))).toEqual(
        qcPage.refunds.items.map(({ jobId, amount }) => ({ jobId, amount })),
      );
      expect(refunds.every((r) => typeof r.amount === "bigint")).toBe(true);
    }, 60_000);

    it("resumes where it stopped after a restart, and catches up", async () => {
      await indexer!.stop();
      const added = await driveMore(f, dos[2]!);
      await startIndexer();
      await caughtUp();
      expect(
        lines.some((l) => l.startsWith("Detected crash recovery")),
        lines.join("\n"),
      ).toBe(true);
      expect(lines.some((l) => l.startsWith("Created database tables"))).toBe(false);
      const data = await queryIndexer<{ job: { state: number } | null }>(
        url,
        "query($id: String!) { job(id: $id) { state } }",
        {
          id: added,
        },
      );
      expect(data.job?.state).toBe(2);
      await expectIndexMatchesChain(f, url, startBlock);
    }, 120_000);

    it("drops what a reorg took back, and indexes the new branch", async () => {
      const snapshot = await f.rpc<Hex>("evm_snapshot");
      const orphan = await driveMore(f, dos[3]!);
      await caughtUp();
      const seen = await queryIndexer<{ job: { id: string } | null }>(
        url,
        "query($id: String!) { job(id: $id) { id } }",
        {
          id: orphan,
        },
      );
      expect(seen.job?.id).toBe(orphan);
      const orphanHead = await f.blockNumber();

      await f.rpc("evm_revert", [snapshot]);
      // The new branch: other transactions, and longer than the old one.
      await f.send(mpcs[2]!, "heartbeat", []);
      await f.send(gds, "withdraw", [1n]);
      const now = await f.blockNumber();
      if (now <= orphanHead) await f.mine(Number(orphanHead - now) + 2);
      await caughtUp();
      const gone = await queryIndexer<{ job: unknown; marketEvents: { items: unknown[] } }>(
        url,
        `query($id: String!) { job(id: $id) { id } marketEvents(where: { jobId: $id }) { items { id } } }`,
        { id: orphan },
      );
      expect(gone).toEqual({ job: null, marketEvents: { items: [] } });
      await expectIndexMatchesChain(f, url, startBlock);
    }, 120_000);
  });
}

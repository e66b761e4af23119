// @vitest-environment node
// The QC's and the node's lists from a stand-in indexer (a local HTTP server answering GraphQL, as
// history.test.ts): what is asked, how the rows map, and when the page must read the chain instead.
// The real indexer answers the same documents in src/services/indexer/testing/suite.ts and journey 11.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JobState, JobType } from "../../protocol/enums.ts";
import { MAX_INDEXER_LAG_BLOCKS } from "./history.ts";
import { readNodeLists, readQcLists } from "./lists.ts";

const QC = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;
const id = (n: number) => `0x${n.toString(16).padStart(32, "0")}`;
const windows = {
  open: { offset: 5, limit: 5 },
  settled: { offset: 0, limit: 20 },
  refunds: { offset: 20, limit: 20 },
};

/** What the stand-in answers next: the indexed block of each answer in turn (the last one repeats). */
let indexedBlocks: (number | null)[] = [];
let asked: { query: string; variables: Record<string, unknown> }[] = [];
let server: http.Server;
let url = "";

const settledItem = (n: number, mpcs: string[], totalPrice: string | null) => ({
  id: id(n),
  state: JobState.Completed,
  jobType: JobType.Vertical,
  quote: "1000",
  totalPrice,
  mpcs,
  settledBlock: String(40 + n),
});

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      asked.push(JSON.parse(body) as (typeof asked)[number]);
      const block = indexedBlocks.length > 1 ? indexedBlocks.shift()! : indexedBlocks[0]!;
      const status = block === null ? {} : { chain: { id: 31337, block: { number: block } } };
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          data: {
            open: { totalCount: 7, items: [{ id: id(9) }, { id: id(8) }] },
            settled: {
              totalCount: 3,
              items: [
                settledItem(3, ["0xabc"], "2500"),
                settledItem(2, [], null),
                settledItem(1, ["0xabc"], null),
              ],
            },
            refunds: {
              totalCount: 21,
              items: [{ id: "0001:00000", jobId: id(2), amount: "1000", blockNumber: "42" }],
            },
            _meta: { status },
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());
beforeEach(() => {
  asked = [];
  indexedBlocks = [100];
});

describe("readQcLists", () => {
  it("asks one document for each list's window and maps the rows as the chain's views give them", async () => {
    const { lists, source } = await readQcLists(url, 100n, QC, windows);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.variables).toEqual({
      qc: QC.toLowerCase(),
      openOffset: 5,
      openLimit: 5,
      settledOffset: 0,
      settledLimit: 20,
      refundsOffset: 20,
      refundsLimit: 20,
    });
    expect(source).toEqual({ kind: "indexer", indexedBlock: 100n, head: 100n });
    expect(lists!.open).toEqual({ rows: [id(9), id(8)], total: 7 });
    expect(lists!.settled.total).toBe(3);
    // The price: the total once MPCs were assigned, else the quote; unknown terms give no price.
    expect(lists!.settled.rows).toEqual([
      { id: id(3), state: JobState.Completed, jobType: JobType.Vertical, settledAt: 43n, price: 2500n },
      { id: id(2), state: JobState.Completed, jobType: JobType.Vertical, settledAt: 42n, price: 1000n },
      { id: id(1), state: JobState.Completed, jobType: JobType.Vertical, settledAt: 41n, price: null },
    ]);
    expect(lists!.refunds).toEqual({
      rows: [{ key: "0001:00000", id: id(2), blockNumber: 42n, amount: 1000n }],
      total: 21,
    });
  });

  it("asks again until the indexer has indexed the block the page was asked at", async () => {
    indexedBlocks = [98, 99, 100];
    const { source } = await readQcLists(url, 100n, QC, windows);
    expect(asked).toHaveLength(3);
    expect(source).toEqual({ kind: "indexer", indexedBlock: 100n, head: 100n });
  });

  it("sends the page to the chain when the indexer is far behind, has not started, or does not answer", async () => {
    indexedBlocks = [10];
    const behind = await readQcLists(url, 10n + MAX_INDEXER_LAG_BLOCKS + 1n, QC, windows);
    expect(behind).toEqual({
      source: { kind: "chain", reason: "indexer behind", behind: MAX_INDEXER_LAG_BLOCKS + 1n },
    });
    indexedBlocks = [null];
    expect((await readQcLists(url, 20n, QC, windows)).source).toMatchObject({ reason: "indexer behind" });
    const down = await readQcLists("http://127.0.0.1:9", 20n, QC, windows);
    expect(down).toEqual({ source: { kind: "chain", reason: "indexer unavailable" } });
  });
});

describe("readNodeLists", () => {
  it("asks the node's lists by its lowercase address, open and settled", async () => {
    const { lists } = await readNodeLists(url, 100n, QC, { open: windows.open, settled: windows.settled });
    expect(asked[0]!.query).toContain("nodes_has: $node");
    expect(asked[0]!.variables).toMatchObject({ node: QC.toLowerCase(), openOffset: 5, settledLimit: 20 });
    expect(lists!.open.total).toBe(7);
    expect(lists!.settled.rows.map((r) => r.id)).toEqual([id(3), id(2), id(1)]);
    expect(lists).not.toHaveProperty("refunds");
  });
});

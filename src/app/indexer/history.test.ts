// @vitest-environment node
// readHistory's choice of source, with a stand-in indexer (a local HTTP server answering GraphQL) and a
// recording stand-in for the chain's two calls it makes; the real pair is journey 11's.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHistory } from "./historyRequests.ts";
import { MAX_INDEXER_LAG_BLOCKS, readHistory } from "./history.ts";

const id = "0x0123456789abcdef0123456789abcdef" as const;
const market = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
let indexedBlock: number | null = 90;
let server: http.Server;
let url = "";

const row = (block: number) => ({
  id: String(block).padStart(10, "0"),
  name: "JobDispatched",
  jobId: id,
  account: null,
  blockNumber: String(block),
  logIndex: 0,
  txHash: `0x${"ab".repeat(32)}`,
  timestamp: "1",
  args: { id, jobType: 0, dos: [], mpcs: [] },
});

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    const status = indexedBlock === null ? {} : { chain: { id: 31337, block: { number: indexedBlock } } };
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        data: {
          marketEvents: { items: [row(50)], pageInfo: { hasNextPage: false, endCursor: null } },
          _meta: { status },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

/** A chain at `head` that answers eth_getLogs with nothing, recording each range asked. */
function chain(head: bigint) {
  const ranges: [bigint, bigint][] = [];
  const client = {
    getBlockNumber: async () => head,
    request: async ({ params }: { method: string; params: [{ fromBlock: string; toBlock: string }] }) => {
      ranges.push([BigInt(params[0].fromBlock), BigInt(params[0].toBlock)]);
      return [];
    },
  };
  return { client: client as never, ranges };
}

describe("readHistory", () => {
  it("reads the indexer, and the chain only for the blocks it has not indexed", async () => {
    indexedBlock = 90;
    const c = chain(100n);
    const h = await readHistory(
      { client: c.client, market, deployBlock: 1n, indexerUrl: url },
      jobHistory(id, 40n, 0n),
    );
    expect(h.source).toEqual({ kind: "indexer", indexedBlock: 90n, head: 100n });
    expect(h.logs.map((l) => l.blockNumber)).toEqual([50n]);
    expect(c.ranges).toEqual([[91n, 100n]]);
  });

  it("reads only the job's own span on the chain when there is no indexer", async () => {
    const c = chain(2_000_000n);
    const h = await readHistory(
      { client: c.client, market, deployBlock: 1n, indexerUrl: null },
      jobHistory(id, 1_999_000n, 1_999_100n),
    );
    expect(h.source).toEqual({ kind: "chain", reason: "no indexer" });
    expect(c.ranges).toEqual([[1_999_000n, 1_999_100n]]);
  });

  it("falls back to the chain when the indexer is far behind, has not started, or does not answer", async () => {
    indexedBlock = 10;
    const behind = await readHistory(
      { client: chain(10n + MAX_INDEXER_LAG_BLOCKS + 1n).client, market, deployBlock: 1n, indexerUrl: url },
      jobHistory(id, 5n, 8n),
    );
    expect(behind.source).toEqual({
      kind: "chain",
      reason: "indexer behind",
      behind: MAX_INDEXER_LAG_BLOCKS + 1n,
    });
    indexedBlock = null;
    const fresh = await readHistory(
      { client: chain(20n).client, market, deployBlock: 1n, indexerUrl: url },
      jobHistory(id, 5n, 0n),
    );
    expect(fresh.source).toMatchObject({ kind: "chain", reason: "indexer behind" });
    const down = await readHistory(
      { client: chain(20n).client, market, deployBlock: 1n, indexerUrl: "http://127.0.0.1:9" },
      jobHistory(id, 5n, 0n),
    );
    expect(down.source).toEqual({ kind: "chain", reason: "indexer unavailable" });
  });
});

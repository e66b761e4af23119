// The benchmark's busy market: the dashboard benchmark's empty market (own anvil, the deploy script,
// nodes registered) filled with thousands of jobs fast. Automine is off while seeding: each phase's
// transactions go out in JSON-RPC batches with explicit nonces (fixed gas, no estimate, no receipt
// wait) and a block is mined after each batch, so a block holds a batch and thousands of jobs take a
// few hundred blocks. Every job is placed, paid and dispatched, gets one status report, and every
// tenth is cancelled by its QC (a settlement: releases, credits, a refund).
import { encodeFunctionData, type Address, type Hex, numberToHex } from "viem";
import { jobMarketAbi } from "../../../src/protocol/generated/abis.ts";
import { BUSY_JOB_SPEC, type BusyMarket } from "../dashboard/market.ts";
import { devAccountsWithRole } from "../../../src/protocol/devAccounts.ts";
import {
  gds,
  type MarketFixture,
  priceOfSpec as priceOf,
} from "../../../src/services/shared/testing/market-fixture.ts";
import { newJobId } from "../../../src/protocol/jobId.ts";

const GAS = 3_000_000n;
const MAX_FEE_PER_GAS = 100_000_000_000n;
const MAX_PRIORITY_FEE_PER_GAS = 1_000_000_000n;
/** Far above what a batch needs: 200 orders of five DOs take ~80M gas. */
const BLOCK_GAS_LIMIT = 2_000_000_000;
const BATCH = 200;
const CANCEL_EVERY = 10;

const qcs = devAccountsWithRole("qc").map((a) => a.address);

interface Tx {
  from: Address;
  data: Hex;
  value?: bigint;
}

const call = (functionName: string, args: readonly unknown[]) =>
  encodeFunctionData({ abi: jobMarketAbi, functionName, args } as never);

async function rpcBatch(
  f: MarketFixture,
  requests: { method: string; params: unknown[] }[],
): Promise<unknown[]> {
  const response = await fetch(f.anvil.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(requests.map((r, id) => ({ jsonrpc: "2.0", id, ...r }))),
  });
  const results = (await response.json()) as { result?: unknown; error?: { message: string } }[];
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`Seeding request rejected: ${failed.error!.message}`);
  return results.map((r) => r.result);
}

/** Sends `txs` (any senders) in batches, mining a block after each, and checks every one succeeded. */
async function sendMined(f: MarketFixture, txs: Tx[]): Promise<void> {
  const nonces = new Map<Address, number>();
  for (const from of new Set(txs.map((t) => t.from))) {
    nonces.set(from, await f.ctx.publicClient.getTransactionCount({ address: from, blockTag: "pending" }));
  }
  for (let i = 0; i < txs.length; i += BATCH) {
    const hashes = (await rpcBatch(
      f,
      txs.slice(i, i + BATCH).map((tx) => {
        const nonce = nonces.get(tx.from)!;
        nonces.set(tx.from, nonce + 1);
        return {
          method: "eth_sendTransaction",
          params: [
            {
              from: tx.from,
              to: f.market,
              data: tx.data,
              value: numberToHex(tx.value ?? 0n),
              gas: numberToHex(GAS),
              maxFeePerGas: numberToHex(MAX_FEE_PER_GAS),
              maxPriorityFeePerGas: numberToHex(MAX_PRIORITY_FEE_PER_GAS),
              nonce: numberToHex(nonce),
            },
          ],
        };
      }),
    )) as Hex[];
    await f.rpc("evm_mine");
    const receipts = (await rpcBatch(
      f,
      hashes.map((hash) => ({ method: "eth_getTransactionReceipt", params: [hash] })),
    )) as ({ status: Hex } | null)[];
    const bad = receipts.findIndex((r) => r?.status !== "0x1");
    if (bad >= 0)
      throw new Error(`Seeding transaction ${hashes[bad]} ${receipts[bad] ? "reverted" : "was not mined"}`);
  }
}

export interface SeededMarket {
  ids: Hex[];
  /** The QC of each job, in the order of `ids`. */
  qcOf: Address[];
  cancelled: Hex[];
}

/** Adds `count` jobs (five DOs, two MPCs each), about 13 events a job; every `cancelEvery`-th is cancelled. */
export async function seedJobs(
  market: BusyMarket,
  count: number,
  log: (line: string) => void,
  cancelEvery = CANCEL_EVERY,
): Promise<SeededMarket> {
  const f = market.fixture;
  const spec = BUSY_JOB_SPEC;
  const { total } = await priceOf(f, spec);
  const ids = Array.from({ length: count }, newJobId);
  const qcOf = ids.map((_, i) => qcs[i % qcs.length]!);
  const cancelled = ids.filter((_, i) => i % cancelEvery === cancelEvery - 1);
  await f.rpc("anvil_setBlockGasLimit", [numberToHex(BLOCK_GAS_LIMIT)]);
  await f.rpc("evm_setAutomine", [false]);
  try {
    const phase = async (name: string, txs: Tx[]) => {
      const started = Date.now();
      await sendMined(f, txs);
      log(
        `  ${name}: ${txs.length.toLocaleString("en")} transactions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    };
    await phase(
      "placeOrder",
      ids.map((id, i) => ({
        from: gds,
        data: call("placeOrder", [
          id,
          0,
          qcOf[i],
          spec.jobDos,
          spec.doPrices,
          1,
          spec.jobMpcs.length,
          3,
          total,
        ]),
      })),
    );
    await phase(
      "submitQuery",
      ids.map((id, i) => ({ from: qcOf[i]!, data: call("submitQuery", [id, total, total]), value: total })),
    );
    await phase(
      "assignMpcs",
      ids.map((id) => ({ from: gds, data: call("assignMpcs", [id, spec.jobMpcs, spec.mpcPrice]) })),
    );
    const report = { taskType: 0, epoch: 0, batch: 0, status: 1 };
    await phase(
      "updateJobStatus",
      ids.map((id, i) => ({
        from: spec.jobDos[i % spec.jobDos.length]!,
        data: call("updateJobStatus", [id, report]),
      })),
    );
    await phase(
      "cancelJob",
      cancelled.map((id) => ({ from: qcOf[ids.indexOf(id)]!, data: call("cancelJob", [id, total]) })),
    );
  } finally {
    await f.rpc("evm_setAutomine", [true]);
  }
  return { ids, qcOf, cancelled };
}

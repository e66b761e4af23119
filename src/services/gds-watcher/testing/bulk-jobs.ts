// Seeds many dispatched jobs fast, for the benchmark: the transactions of a phase go out back to back
// with explicit nonces and fixed gas, no estimate and no receipt wait (anvil's dev accounts are
// unlocked, automine mines them); the next phase starts once the sender's nonce shows it all mined.
import { type Address, encodeFunctionData, type Hex, numberToHex } from "viem";
import { jobMarketAbi } from "../../../protocol/generated/abis.ts";
import { newJobId } from "../../../protocol/jobId.ts";
import {
  gds,
  type JobSpec,
  type MarketFixture,
  priceOfSpec,
  qc,
} from "../../shared/testing/market-fixture.ts";

/** Generous fixed gas: estimating thousands of transactions one by one is what this avoids. */
const GAS = 3_000_000n;
/**
 * A fee cap far above any base fee the seeding reaches: left to the node, a transaction is priced at
 * sending and, once a few blocks raise the base fee, sits in the pool below it for good (seen as
 * "Seeding stalled: … 1972 of 2000 mined"). It pays only base fee + tip, so the cap costs nothing.
 */
const MAX_FEE_PER_GAS = 100_000_000_000n; // 100 gwei
const MAX_PRIORITY_FEE_PER_GAS = 1_000_000_000n; // 1 gwei

interface RawTx {
  from: Address;
  data: Hex;
  value?: bigint;
}

async function sendPhase(f: MarketFixture, from: Address, txs: RawTx[]): Promise<void> {
  let nonce = await f.ctx.publicClient.getTransactionCount({ address: from, blockTag: "pending" });
  const target = nonce + txs.length;
  // One at a time, in nonce order, without waiting for receipts: anvil's pool can leave transactions
  // that arrive out of nonce order (as the items of one JSON-RPC batch do) queued for good.
  for (const tx of txs) {
    const response = await fetch(f.anvil.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
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
            nonce: numberToHex(nonce++),
          },
        ],
      }),
    });
    const result = (await response.json()) as { error?: { message: string } };
    if (result.error) throw new Error(`Seeding transaction rejected: ${result.error.message}`);
  }
  const deadline = Date.now() + 30_000;
  let last = -1;
  let stillSince = Date.now();
  for (;;) {
    const mined = await f.ctx.publicClient.getTransactionCount({ address: from, blockTag: "latest" });
    if (mined >= target) return;
    if (Date.now() > deadline) {
      const pool = await f.rpc("txpool_inspect");
      throw new Error(
        `Seeding stalled: ${from} has ${mined} of ${target} mined; pool ${JSON.stringify(pool).slice(0, 600)}`,
      );
    }
    if (mined !== last) {
      last = mined;
      stillSince = Date.now();
    } else if (Date.now() - stillSince > 1_000) {
      // Automine can leave the last arrivals pending until another transaction comes: mine them.
      // Only when nothing moved for a second: anvil queues mining requests, and every extra one
      // would add an empty block later (and move the chain toward the jobs' timeouts).
      await f.rpc("evm_mine");
      stillSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A block limit far above what the seeding fills: with full 30M blocks the EIP-1559 base fee grows
 * 12.5 % a block and queued transactions priced at sending fall below it and stall.
 */
const SEEDING_BLOCK_GAS_LIMIT = 1_000_000_000;

/** Adds `count` Dispatched jobs of shape `spec`. */
export async function seedDispatchedJobs(f: MarketFixture, spec: JobSpec, count: number): Promise<Hex[]> {
  await f.rpc("anvil_setBlockGasLimit", [numberToHex(SEEDING_BLOCK_GAS_LIMIT)]);
  const price = await priceOfSpec(f, spec);
  const ids = Array.from({ length: count }, () => newJobId());
  const call = (functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi: jobMarketAbi, functionName, args } as never);
  await sendPhase(
    f,
    gds,
    ids.map((id) => ({
      from: gds,
      data: call("placeOrder", [
        id,
        0,
        qc,
        spec.jobDos,
        spec.doPrices,
        1,
        spec.jobMpcs.length,
        3,
        price.total,
      ]),
    })),
  );
  await sendPhase(
    f,
    qc,
    ids.map((id) => ({
      from: qc,
      data: call("submitQuery", [id, price.total, price.total]),
      value: price.total,
    })),
  );
  await sendPhase(
    f,
    gds,
    ids.map((id) => ({ from: gds, data: call("assignMpcs", [id, spec.jobMpcs, spec.mpcPrice]) })),
  );
  // anvil mines on its own schedule: measure only once the chain has stopped moving.
  for (let last = -1n; ;) {
    const block = await f.blockNumber();
    if (block === last) break;
    last = block;
    await new Promise((r) => setTimeout(r, 500));
  }
  return ids;
}

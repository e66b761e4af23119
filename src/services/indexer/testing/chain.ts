// The chain side of the indexer's tests: the watcher's real market fixture (anvil on a free port,
// the project's deploy script, nodes registered) and its scenarios. One import site, so the move
// of the watcher's folder changes these lines only.
export {
  admin,
  dispatchJob,
  dos,
  gds,
  type JobSpec,
  type MarketFixture,
  mpcs,
  placeOrder,
  priceOfSpec as priceOf,
  qc,
  startMarket,
} from "../../shared/testing/market-fixture.ts";
export { letOneGoSilent, selfReport } from "../../shared/testing/scenarios.ts";
import { sendRaw } from "../../shared/testing/raw-send.ts";
export { freePort } from "../../../../scripts/lib/anvil.ts";
export { devAccounts, devAccountsWithRole } from "../../../protocol/devAccounts.ts";
export { ALL } from "../../../protocol/constants.ts";
export { newJobId } from "../../../protocol/jobId.ts";
import { encodeFunctionData, type Hex } from "viem";
import { jobMarketAbi } from "../abi.ts";
import type { MarketFixture } from "../../shared/testing/market-fixture.ts";

/**
 * The fixture with sends that return once mined: simulated first (a revert throws with the decoded
 * error), then sent with fixed gas, and the receipt asked for at once and every 10 ms (automine mines
 * the transaction right away). The fixture's own send waits for the next block poll, ~200 ms.
 */
export function withInstantSends(f: MarketFixture): MarketFixture {
  return {
    ...f,
    async send(from, functionName, args, value) {
      const call = { address: f.market, abi: jobMarketAbi, functionName, args, value, account: from };
      await f.ctx.publicClient.simulateContract(call as never);
      const data = encodeFunctionData({ abi: jobMarketAbi, functionName, args } as never);
      const hash = await sendRaw(f, from, { to: f.market, data, value }, { gas: 5_000_000n });
      const deadline = Date.now() + 10_000;
      let receipt: { status: Hex } | null = null;
      while (!(receipt = await f.rpc<{ status: Hex } | null>("eth_getTransactionReceipt", [hash]))) {
        if (Date.now() > deadline) throw new Error(`${functionName} from ${from} was not mined: ${hash}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      if (receipt.status !== "0x1") throw new Error(`${functionName} from ${from} reverted in ${hash}`);
    },
  };
}

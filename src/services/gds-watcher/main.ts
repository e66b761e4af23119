// `npm run gds:watch`: the GDS's watcher. It signs as the GDS (GDS_PRIVATE_KEY; the demo GDS on the
// local chain) and, on every new block, reports timed-out participants, settles self-reported
// failures and cancels expired orders. Settings: see config.ts. Ctrl-C stops it; restart at will.
import { describeAsset } from "../../protocol/asset.ts";
import { readPaymentAsset } from "../../protocol/readAsset.ts";
import { serviceClients } from "../shared/clients.ts";
import { stopOnSignals, waitForChainId } from "../shared/startup.ts";
import { consoleLog as log } from "../shared/log.ts";
import { resolveMarket } from "../shared/market.ts";
import { createRpcCounter } from "../shared/rpc-counter.ts";
import { defaultPollMs, readSettings, resolveSigner } from "./config.ts";
import { GdsWatcher } from "./watcher.ts";

async function main() {
  const settings = readSettings(process.env);
  const stop = stopOnSignals("watcher");
  const chainId = await waitForChainId(settings.rpcUrl, settings.backoff, stop.signal);
  if (chainId === undefined) return;

  const account = resolveSigner(process.env, chainId);
  const { market, lens: configuredLens } = resolveMarket(process.env, chainId);
  const counter = createRpcCounter();
  const { chain, client, wallet } = serviceClients(settings.rpcUrl, chainId, account, counter);
  // A lens address without code (a stale record) would fail every scan: read view by view instead.
  let lens = configuredLens;
  if (lens && settings.readMode !== "rpc-batch") {
    const code = await client.getCode({ address: lens }).catch(() => undefined);
    if (!code || code === "0x") {
      log(`No JobMarketLens code at ${lens}: reading the market view by view (JSON-RPC batches)`);
      lens = undefined;
    }
  }
  const readMode = settings.readMode ?? (lens ? "lens" : "rpc-batch");
  if (readMode === "lens" && !lens)
    throw new Error("GDS_WATCHER_READ_MODE=lens, but no JobMarketLens is known");
  const pollMs = settings.pollMs ?? defaultPollMs(chainId);
  // The watcher moves no money in (its reports, settlements and cancellations pay nothing), but every
  // amount it meets is in this asset (docs/rules.md §12): said once, so its log reads right.
  const asset = await readPaymentAsset(client, market, chainId);
  log(
    `GDS watcher on chain ${chainId} (${settings.rpcUrl}), market ${market} on ${describeAsset(asset)}, signer ${account.address}; ` +
      `polling every ${pollMs} ms, status every ${settings.statusEveryBlocks} blocks, reads by ${readMode}${lens ? ` (lens ${lens})` : ""}`,
  );
  const watcher = new GdsWatcher({
    client,
    wallet,
    chain,
    market,
    lens,
    settleDelayBlocks: settings.settleDelayBlocks,
    statusEveryBlocks: settings.statusEveryBlocks,
    pollMs,
    backoff: settings.backoff,
    readMode,
    counter,
    log,
  });
  await watcher.run(stop.signal);
}

main().catch((error: unknown) => {
  console.error(`GDS watcher failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

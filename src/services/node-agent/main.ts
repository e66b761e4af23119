// `npm run node:agent -- [--config FILE] [--dev-account "DO 1"]`: the node agent (docs/rules.md §13).
// It signs as one DO or MPC node, registers it and keeps its terms as configured, heartbeats, follows
// its jobs and serves the training process's API on 127.0.0.1. Settings: config.ts. Ctrl-C stops it;
// restart at will (the chain is its only state).
import { erc20Abi, zeroAddress } from "viem";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { serviceClients } from "../shared/clients.ts";
import { stopOnSignals, waitForChainId } from "../shared/startup.ts";
import { readDeploymentRecord } from "../shared/deployment-file.ts";
import { accountLabel, consoleLog as log } from "../shared/log.ts";
import { resolveMarket } from "../shared/market.ts";
import { deploymentFileOf } from "../shared/paths.ts";
import { NodeAgent } from "./agent.ts";
import { serveAgentApi } from "./api.ts";
import { defaultPollMs, readConfigFile, readSettings, resolveAccount, scaleAmount } from "./config.ts";
import { parseArgs } from "node:util";
import { roleName } from "../../protocol/enums.ts";

async function main() {
  const { values } = parseArgs({
    options: { config: { type: "string" }, "dev-account": { type: "string" } },
    allowPositionals: false,
  });
  const fileEnv = values.config ? readConfigFile(values.config) : {};
  const settings = readSettings({ ...fileEnv, ...process.env }, values["dev-account"]);
  const backoff = { baseMs: 500, maxMs: 15_000 };
  const stop = stopOnSignals("agent");
  const chainId = await waitForChainId(settings.rpcUrl, backoff, stop.signal);
  if (chainId === undefined) return;

  const account = resolveAccount(settings, chainId);
  const { market } = resolveMarket(
    {
      JOB_MARKET_ADDRESS: settings.market,
      DEPLOYMENT_FILE: settings.deploymentFile ?? process.env.DEPLOYMENT_FILE,
    },
    chainId,
  );
  const record = readDeploymentRecord(
    deploymentFileOf(chainId, settings.deploymentFile ?? process.env.DEPLOYMENT_FILE),
  );
  const fromBlock = record && record.jobMarket === market ? BigInt(record.deployBlock) : 0n;
  const { chain, client, wallet } = serviceClients(settings.rpcUrl, chainId, account);

  const asset = await client.readContract({ address: market, abi: jobMarketAbi, functionName: "asset" });
  const decimals =
    asset === zeroAddress
      ? 18
      : await client.readContract({ address: asset, abi: erc20Abi, functionName: "decimals" });
  const scale = (value: string | undefined, name: string) =>
    value === undefined ? undefined : scaleAmount(value, decimals, name);

  const pollMs = settings.pollMs ?? defaultPollMs(chainId);
  const agent = new NodeAgent({
    client,
    wallet,
    chain,
    market,
    role: settings.role,
    stake: scale(settings.stake, "FEDPAY_STAKE"),
    terms: {
      accepting: settings.terms.accepting,
      gds: settings.terms.gds,
      minFee: scale(settings.terms.minFee, "FEDPAY_TERMS_MIN_FEE"),
      maxCollateral: scale(settings.terms.maxCollateral, "FEDPAY_TERMS_MAX_COLLATERAL"),
    },
    autoChallenge: settings.autoChallenge,
    progressIntervalMs: settings.progressIntervalMs,
    statusEveryBlocks: settings.statusEveryBlocks,
    pollMs,
    backoff,
    fromBlock,
    pageBlocks: settings.logPageBlocks,
    log,
  });
  const server = await serveAgentApi(agent, { port: settings.port, token: settings.token, log });
  log(
    `Node agent for ${accountLabel(account.address)}${settings.role ? ` (${roleName(settings.role)})` : ""} on chain ${chainId} (${settings.rpcUrl}), ` +
      `market ${market}, asset ${asset === zeroAddress ? "native coin" : asset} (${decimals} decimals); API ${server.url} (bearer token); ` +
      `auto-challenge ${settings.autoChallenge ? "ON: every judgement against this node is challenged at once" : "off"}; polling every ${pollMs} ms`,
  );
  try {
    await agent.run(stop.signal);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Node agent failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

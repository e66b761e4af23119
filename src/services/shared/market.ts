// Which market a service talks to: JOB_MARKET_ADDRESS (and JOB_MARKET_LENS_ADDRESS), or else the
// chain's deployment record (DEPLOYMENT_FILE, default .data/deployments/<chainId>.json).
import { type Address, getAddress, isAddress } from "viem";
import { readDeploymentRecord } from "./deployment-file.ts";
import { deploymentFileOf } from "./paths.ts";

type Env = Record<string, string | undefined>;

/** The market's proxy address and its lens (undefined when none is known). */
export function resolveMarket(env: Env, chainId: number): { market: Address; lens: Address | undefined } {
  const lensFromEnv = env.JOB_MARKET_LENS_ADDRESS;
  if (lensFromEnv !== undefined && !isAddress(lensFromEnv))
    throw new Error("JOB_MARKET_LENS_ADDRESS is not an address");
  if (env.JOB_MARKET_ADDRESS) {
    if (!isAddress(env.JOB_MARKET_ADDRESS)) throw new Error(`JOB_MARKET_ADDRESS is not an address`);
    return {
      market: getAddress(env.JOB_MARKET_ADDRESS),
      lens: lensFromEnv ? getAddress(lensFromEnv) : undefined,
    };
  }
  const file = deploymentFileOf(chainId, env.DEPLOYMENT_FILE);
  const record = readDeploymentRecord(file);
  if (!record) throw new Error(`No JOB_MARKET_ADDRESS and no deployment record at ${file}: deploy first`);
  if (record.chainId !== chainId) throw new Error(`${file} is for chain ${record.chainId}, not ${chainId}`);
  const lens = lensFromEnv ?? record.jobMarketLens ?? undefined;
  return { market: record.jobMarket, lens: lens ? getAddress(lens) : undefined };
}

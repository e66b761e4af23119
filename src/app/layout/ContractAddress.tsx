import { appConfig } from "../config/appConfig.ts";
import { appChain } from "../config/chain.ts";
import { shortAddress } from "./format.ts";

// Reads the address from appConfig, not config/contracts.ts, so the ABI stays out of the first-load chunk.
export function ContractAddress() {
  const address = appConfig.jobMarketAddress;
  if (!appConfig.deployed) {
    return (
      <span className="text-amber-700" title={`Deployment: ${appConfig.deploymentSource}`}>
        no JobMarket configured
      </span>
    );
  }
  const explorer = appChain.blockExplorers?.default.url;
  const label = <span className="font-mono">{shortAddress(address)}</span>;
  return (
    <span title={`JobMarket ${address} (from ${appConfig.deploymentSource})`} data-testid="contract-address">
      JobMarket{" "}
      {explorer ? (
        <a className="underline" href={`${explorer}/address/${address}`} target="_blank" rel="noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  );
}

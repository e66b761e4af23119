import { useQuery } from "@tanstack/react-query";
import { getAddress, type Hex } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { jobMarket } from "../../config/contracts.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";

// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1).
const IMPLEMENTATION_SLOT: Hex = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** Proxy, implementation and version, and the pause switch. */
export function ContractInfo() {
  const config = useConfig();
  const version = useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "version",
  }).data;
  const paused = useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "paused",
  }).data;
  const implementation = useQuery({
    queryKey: ["chainState", "implementation", jobMarket.address],
    queryFn: async () => {
      const word = await getPublicClient(config)?.getStorageAt({
        address: jobMarket.address,
        slot: IMPLEMENTATION_SLOT,
      });
      return word ? getAddress(`0x${word.slice(-40)}`) : null;
    },
  }).data;
  return (
    <Section title="Contract" testId="admin-contract">
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">Proxy (the market's address)</dt>
          <dd className="font-mono text-xs break-all">{jobMarket.address}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Implementation</dt>
          <dd className="font-mono text-xs break-all" data-testid="admin-implementation">
            {implementation ?? "…"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Version</dt>
          <dd data-testid="admin-version">{version ?? "…"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">New orders and payments</dt>
          <dd data-testid="admin-paused">{paused === undefined ? "…" : paused ? "Paused" : "Open"}</dd>
        </div>
      </dl>
      <div className="mt-3">
        {paused ? (
          <TxButton label="Unpause" call={marketCall("unpause", [])} testId="unpause-button" />
        ) : (
          <TxButton
            label="Pause"
            variant="danger"
            call={paused === undefined ? null : marketCall("pause", [])}
            disabledReason={paused === undefined ? "Reading…" : null}
            confirm="Pause the market? New orders and payments stop; running jobs, settlements and withdrawals go on."
            testId="pause-button"
          />
        )}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Upgrades go through the deploy scripts (UPGRADER_ROLE calls upgradeToAndCall on the proxy).
      </p>
    </Section>
  );
}

import { useAccount } from "wagmi";
import { BalanceCard } from "../../components/BalanceCard.tsx";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { useReadNode } from "../../hooks/useReadNode.ts";
import { useReadParameters } from "../../hooks/useReadParameters.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { Role } from "../../../protocol/enums.ts";
import { NodeJobs } from "./NodeJobs.tsx";
import { NodeStatusCard } from "./NodeStatusCard.tsx";
import { RegisterCard } from "./RegisterCard.tsx";
import { TermsCard } from "./TermsCard.tsx";

/** The DO / MPC page: registry entry, stake, heartbeats, and the jobs this node works in. */
export default function NodePage() {
  return (
    <ConnectGate what="run your node">
      <NodePageContent />
    </ConnectGate>
  );
}

function NodePageContent() {
  const { address } = useAccount();
  const block = useRefreshOnNewBlock();
  const node = useReadNode(address);
  const params = useReadParameters().data;
  if (!address || !node.data) return <p className="text-sm text-slate-500">Reading your node…</p>;
  const registered = node.data.role !== Role.None;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Node (DO / MPC)</h1>
      {registered ? (
        <NodeStatusCard node={node.data} block={block} timeoutBlocks={params?.timeoutBlocks} />
      ) : (
        <RegisterCard minStake={params?.minStake} node={node.data} />
      )}
      {registered && <TermsCard node={node.data} />}
      <BalanceCard title="Free stake and withdrawals" />
      <NodeJobs account={address} block={block} />
    </div>
  );
}

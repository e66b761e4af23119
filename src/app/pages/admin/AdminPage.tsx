import { ConnectGate } from "../../components/ConnectGate.tsx";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { ContractInfo } from "./ContractInfo.tsx";
import { ParametersForm } from "./ParametersForm.tsx";
import { RolesCard } from "./RolesCard.tsx";

/** Governance: implementation and version, pause, roles, parameters. */
export default function AdminPage() {
  return (
    <ConnectGate what="administer the market">
      <Admin />
    </ConnectGate>
  );
}

function Admin() {
  useRefreshOnNewBlock();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Admin</h1>
      <ContractInfo />
      <RolesCard />
      <ParametersForm />
    </div>
  );
}

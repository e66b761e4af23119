import { Suspense, lazy, useMemo } from "react";
import { Link } from "react-router-dom";
import { useAccount } from "wagmi";
import { BalanceCard } from "../../components/BalanceCard.tsx";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { useReadAllJobs } from "../../hooks/useReadAllJobs.ts";
import { useReadAllNodes } from "../../hooks/useReadAllNodes.ts";
import { useReadHasRole } from "../../hooks/useReadHasRole.ts";
import { useReadParameters } from "../../hooks/useReadParameters.ts";
import { useReadProgresses } from "../../hooks/useReadProgresses.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { sameAddress } from "../../../protocol/address.ts";
import { JobState } from "../../../protocol/enums.ts";
import { accessRoles } from "../../../protocol/accessRoles.ts";
import { PlaceOrderForm } from "./PlaceOrderForm.tsx";

// The sections below the order form load beside the chain reads they wait for anyway, keeping the
// console's first load within the JavaScript budget (docs/rules.md §10).
const AssignMpcs = lazy(() => import("./AssignMpcs.tsx").then((m) => ({ default: m.AssignMpcs })));
const ReplacementRequests = lazy(() =>
  import("./ReplacementRequests.tsx").then((m) => ({ default: m.ReplacementRequests })),
);
const FailureReports = lazy(() =>
  import("./FailureReports.tsx").then((m) => ({ default: m.FailureReports })),
);
const WatcherStatus = lazy(() => import("./WatcherStatus.tsx").then((m) => ({ default: m.WatcherStatus })));

const GDS_ROLE = accessRoles[1].id;

/** The scheduler's console: place orders, assign and replace MPCs, report failures. */
export default function GdsPage() {
  return (
    <ConnectGate what="schedule jobs as the GDS">
      <GdsConsole />
    </ConnectGate>
  );
}

function GdsConsole() {
  const { address } = useAccount();
  const block = useRefreshOnNewBlock();
  const isGds = useReadHasRole(GDS_ROLE, address).data;
  const params = useReadParameters().data;
  const nodes = useReadAllNodes().data ?? [];
  const allJobs = useReadAllJobs().data;
  const myJobs = useMemo(
    () => (allJobs ?? []).filter((j) => sameAddress(j.gds, address)),
    [allJobs, address],
  );
  const runningIds = useMemo(
    () => myJobs.filter((j) => j.state === JobState.Dispatched).map((j) => j.id),
    [myJobs],
  );
  const progress = useReadProgresses(runningIds).data;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">GDS console</h1>
        <Link to="/dashboard" className="text-sm text-teal-700 underline">
          Monitoring dashboard
        </Link>
      </div>
      {isGds === false && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="alert">
          This account does not hold the GDS role: the contract will refuse orders, assignments and
          replacements from it.
        </p>
      )}
      {!params || !allJobs ? (
        <p className="text-sm text-slate-500">Reading the market…</p>
      ) : (
        <>
          <PlaceOrderForm nodes={nodes} params={params} block={block} />
          <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
            <AssignMpcs jobs={myJobs} nodes={nodes} params={params} block={block} />
            <ReplacementRequests jobs={myJobs} progress={progress} nodes={nodes} />
            <FailureReports jobs={myJobs} progress={progress} block={block} />
            <WatcherStatus />
          </Suspense>
        </>
      )}
      <BalanceCard title="GDS fees earned" />
    </div>
  );
}

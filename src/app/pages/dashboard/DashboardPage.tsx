import { lazy, Suspense } from "react";
import { NotDeployed } from "../../components/ConnectGate.tsx";
import { appConfig } from "../../config/appConfig.ts";
import { isMarketConfigured } from "../../config/contracts.ts";
import { wagmiConfig } from "../../config/wagmi.ts";
import { prefetchAllJobs, useReadAllJobs } from "../../hooks/useReadAllJobs.ts";
import { prefetchAllNodes, useReadAllNodes } from "../../hooks/useReadAllNodes.ts";
import { useReadParameters } from "../../hooks/useReadParameters.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { JobsTable } from "./JobsTable.tsx";
import { LiveFeed, prefetchLiveFeed } from "./LiveFeed.tsx";
import { NodesTable } from "./NodesTable.tsx";
import { Overview } from "./Overview.tsx";

// The pictures need the indexer's history, and their code stays out of the first load.
const HistoryCharts = lazy(() => import("./charts/HistoryCharts.tsx"));

// The first reads start as soon as this page's code loads, not when React first renders the page:
// the render waits for the app shell (and, reached by a link, React's hold of a lazily loaded page
// after its "Loading page…" fallback), and the jobs, nodes and feed arrive during that wait
// (bench:dashboard). The queries below take these reads over.
if (isMarketConfigured && typeof window !== "undefined") {
  prefetchAllJobs(wagmiConfig);
  prefetchAllNodes(wagmiConfig);
  prefetchLiveFeed(wagmiConfig);
}

/**
 * The GDS's monitoring dashboard: every job and node (live state, from the chain), the live feed (its
 * history from the indexer when there is one), and with the indexer the history's pictures.
 */
export default function DashboardPage() {
  if (!isMarketConfigured) return <NotDeployed />;
  return <Dashboard />;
}

function Dashboard() {
  const block = useRefreshOnNewBlock();
  const jobs = useReadAllJobs();
  const nodes = useReadAllNodes();
  const timeoutBlocks = useReadParameters().data?.timeoutBlocks;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Monitoring dashboard</h1>
      {jobs.data && <Overview jobs={jobs.data} block={block} />}
      {appConfig.indexerUrl && (
        <Suspense fallback={null}>
          <HistoryCharts block={block} timeoutBlocks={timeoutBlocks} />
        </Suspense>
      )}
      <JobsTable jobs={jobs.data} error={jobs.error} block={block} />
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="min-w-0">
          <NodesTable nodes={nodes.data} block={block} timeoutBlocks={timeoutBlocks} />
        </div>
        <LiveFeed />
      </div>
    </div>
  );
}

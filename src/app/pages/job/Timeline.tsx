import { Empty } from "../../components/Section.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { describeEvent } from "../../lib/eventText.ts";
import { logKey, type MarketLog } from "../../lib/marketLogs.ts";

/** Every event of the job, oldest first, with its block. */
export function Timeline({ logs }: { logs: readonly MarketLog[] }) {
  const asset = useAsset();
  if (logs.length === 0) return <Empty>No events yet.</Empty>;
  return (
    <ol className="flex flex-col gap-1 text-sm" data-testid="job-timeline">
      {logs.map((log) => (
        <li
          key={logKey(log)}
          className="grid grid-cols-[6rem_11rem_1fr] gap-2 border-t border-slate-100 py-1 max-sm:grid-cols-1"
        >
          <span className="text-xs text-slate-500 tabular-nums">block {String(log.blockNumber)}</span>
          <span className="font-medium">{log.eventName}</span>
          <span className="break-words">{describeEvent(log, asset)}</span>
        </li>
      ))}
    </ol>
  );
}

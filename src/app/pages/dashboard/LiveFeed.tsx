import { useMemo } from "react";
import { JobLink } from "../../components/JobLink.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import type { Config } from "wagmi";
import { prefetchMarketLogs, useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { describeEvent } from "../../lib/eventText.ts";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { recentHistory } from "../../indexer/historyRequests.ts";
import { logKey } from "../../lib/marketLogs.ts";

export const FEED_EVENTS = [
  "JobDispatched",
  "JobStatusUpdated",
  "RewardDistributed",
  "Refund",
  // A judgement and its contest change who is paid: the dashboard shows them as they happen.
  "JobJudged",
  "JudgementChallenged",
  "ChallengeResolved",
] as const;
const FEED_SIZE = 100;
const request = recentHistory(FEED_EVENTS, FEED_SIZE);

/** Starts reading the feed's first events before the page renders (hooks/earlyRead.ts). */
export function prefetchLiveFeed(config: Config): void {
  prefetchMarketLogs(config, request);
}

/** The newest dispatches, status updates, judgements, rewards and refunds, extended on every new block. */
export function LiveFeed() {
  const asset = useAsset();
  const { logs, isLoading, error, source } = useMarketLogs({ request });
  const newestFirst = useMemo(() => (logs ?? []).slice(-FEED_SIZE).reverse(), [logs]);
  return (
    <Section title="Live feed" testId="live-feed">
      <HistorySourceNote source={source} />
      {isLoading && <Empty>Reading recent events…</Empty>}
      {error && <Empty>Could not read events: {error.message}</Empty>}
      {logs && newestFirst.length === 0 && <Empty>No events yet.</Empty>}
      <ol
        className="flex max-h-[48rem] flex-col gap-1 overflow-auto text-sm"
        aria-live="polite"
        aria-relevant="additions"
      >
        {newestFirst.map((log) => (
          <li
            key={logKey(log)}
            className="border-t border-slate-100 py-1"
            data-testid={`feed-item-${log.blockNumber}-${log.logIndex}`}
            data-event={log.eventName}
          >
            <div className="flex items-center gap-2 text-xs text-slate-500">
              <span className="tabular-nums">block {String(log.blockNumber)}</span>
              <span className="font-medium text-slate-800">{log.eventName}</span>
              {"id" in log.args && <JobLink id={log.args.id} />}
            </div>
            <p className="break-words">{describeEvent(log, asset)}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

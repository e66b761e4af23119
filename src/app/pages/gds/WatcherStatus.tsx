import { AddressText } from "../../components/AddressText.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { Section } from "../../components/Section.tsx";
import { useWatcherActivity } from "../../hooks/useWatcherActivity.ts";

/** Blocks something may wait before the console says the watcher seems not to be running. */
const GRACE_BLOCKS = 3n;

const callWords = {
  reportFailure: "reported a heartbeat timeout on",
  settleAbort: "settled the self-reported failure of",
  cancelJob: "cancelled the expired order",
  settleJudgement: "settled the judgement past its deadline of",
} as const;

/**
 * Whether the GDS watcher (npm run gds:watch) is acting: its last action read from chain events, and
 * anything that has waited for it longer than a few blocks.
 */
export function WatcherStatus() {
  const { lastAction, waiting, block } = useWatcherActivity();
  const late = waiting !== undefined && waiting.count > 0 && waiting.oldestBlocks > GRACE_BLOCKS;

  return (
    <Section title="Automatic watcher" testId="watcher-status">
      <div className="flex flex-col gap-2 text-sm">
        {lastAction === undefined ? (
          <p className="text-slate-500">Reading the recent settlements…</p>
        ) : lastAction === null ? (
          <p className="text-slate-600">No automatic action on chain yet.</p>
        ) : (
          <p>
            Last acted at block <span className="font-mono">{lastAction.blockNumber.toString()}</span>
            {block !== undefined && ` (${(block - lastAction.blockNumber).toString()} blocks ago)`}:{" "}
            {callWords[lastAction.call]} job <JobLink id={lastAction.jobId} />, sent by{" "}
            <AddressText address={lastAction.from} />.
          </p>
        )}
        {waiting === undefined ? null : late ? (
          <p className="rounded border border-amber-300 bg-amber-50 p-2" role="alert">
            {waiting.count} item{waiting.count === 1 ? "" : "s"} (timed-out participants, unsettled aborts,
            judgements past their deadline, expired orders) waiting for {waiting.oldestBlocks.toString()}{" "}
            blocks: is the watcher running? Start it with <code>npm run gds:watch</code>.
          </p>
        ) : waiting.count > 0 ? (
          <p className="text-slate-600">
            {waiting.count} item{waiting.count === 1 ? "" : "s"} to act on since{" "}
            {waiting.oldestBlocks.toString()} block{waiting.oldestBlocks === 1n ? "" : "s"}: the watcher acts
            within a few blocks.
          </p>
        ) : (
          <p className="text-emerald-700">
            Nothing is waiting: no timed-out participant, unsettled abort or expired order.
          </p>
        )}
      </div>
    </Section>
  );
}

import { useEffect, useMemo, useRef, useState } from "react";
import { useConfig } from "wagmi";
import type { JobId } from "../../protocol/jobId.ts";
import { isProgressCurrent, lifecycleOf, type ProgressRead } from "../lib/progressStamp.ts";
import { jobTouchedAt, touchWords } from "../lib/touches.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { readProgresses } from "./readLens.ts";
import { useLatestBlock } from "./useLatestBlock.ts";
import { useWatchTouches } from "./useWatchTouches.ts";

const IDS_PER_CALL = 50;

/**
 * The progress of a few jobs (a page of cards), live: read in one lens call, then read again only
 * for the jobs a block touched (an event naming the job or one of its participants), whose
 * lifecycle changed, or where a participant's timeout came due. A quiet job costs nothing per block.
 */
export function useReadLiveProgresses(jobs: readonly JobView[]) {
  const config = useConfig();
  const block = useLatestBlock();
  const [reads, setReads] = useState<ReadonlyMap<JobId, ProgressRead>>(new Map());
  const [error, setError] = useState<Error | null>(null);
  const busy = useRef(false);

  const progresses = useMemo(
    () => new Map([...reads].map(([id, read]) => [id, read.participants] as const)),
    [reads],
  );
  const ids = useMemo(() => jobs.map((job) => job.id), [jobs]);
  const touches = useWatchTouches(useMemo(() => touchWords(ids, progresses), [ids, progresses]));
  const stale = useMemo(
    () =>
      jobs.filter(
        (job) =>
          !isProgressCurrent(
            reads.get(job.id),
            job,
            jobTouchedAt(job.id, progresses.get(job.id), touches),
            block,
          ),
      ),
    [jobs, reads, progresses, touches, block],
  );

  // Runs when anything `stale` depends on changes: a failed read is retried at the next block, and a
  // read that raced a newer touch is redone once its result lands.
  useEffect(() => {
    if (stale.length === 0 || busy.current) return;
    busy.current = true;
    const wanted = stale;
    const readAt = block ?? 0n;
    const chunks: JobId[][] = [];
    for (let i = 0; i < wanted.length; i += IDS_PER_CALL)
      chunks.push(wanted.slice(i, i + IDS_PER_CALL).map((job) => job.id));
    Promise.all(chunks.map((chunk) => readProgresses(config, chunk)))
      .then((results) => {
        const fresh = results.flat();
        setError(null);
        setReads((old) => {
          // Only the jobs on screen are kept: one that comes back is read afresh.
          const next = new Map<JobId, ProgressRead>();
          for (const id of ids) {
            const kept = old.get(id);
            if (kept) next.set(id, kept);
          }
          wanted.forEach((job, i) =>
            next.set(job.id, { participants: fresh[i] ?? [], readAt, lifecycle: lifecycleOf(job) }),
          );
          return next;
        });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        busy.current = false;
      });
  }, [stale, block, config, ids]);

  return {
    data: progresses as ReadonlyMap<JobId, readonly ParticipantView[]>,
    error,
    isLoading: stale.some((job) => !reads.has(job.id)),
  };
}

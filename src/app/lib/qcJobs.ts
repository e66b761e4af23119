import type { Address } from "viem";
import { sameAddress } from "../../protocol/address.ts";
import { isSettled } from "../../protocol/enums.ts";
import type { JobView } from "../../protocol/views.ts";

/**
 * The jobs addressed to `account`, split into those it can still act on and those settled, each
 * newest first (the market lists jobs in the order they were placed).
 */
export function qcJobsOf(
  jobs: readonly JobView[],
  account: Address | undefined,
): { open: JobView[]; settled: JobView[] } {
  const open: JobView[] = [];
  const settled: JobView[] = [];
  for (let i = jobs.length - 1; i >= 0; i--) {
    const job = jobs[i]!;
    if (!sameAddress(job.qc, account)) continue;
    (isSettled(job.state) ? settled : open).push(job);
  }
  return { open, settled };
}

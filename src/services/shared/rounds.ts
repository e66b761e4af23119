// The polling loop the GDS watcher and the node agent share: one round per poll, and an RPC outage
// retried with backoff, said once when it starts (with each retry) and once when it ends.
import { BaseError } from "viem";
import { type BackoffOptions, backoffDelay, sleep } from "./backoff.ts";

export interface RoundLoop {
  pollMs: number;
  backoff: BackoffOptions;
  log: (line: string) => void;
  /** The last block a round saw, for the log lines. */
  lastBlock: () => bigint | undefined;
  /** An error that no retry can mend (a misconfiguration): it ends the loop and reaches the caller. */
  isFatal?: (reason: string) => boolean;
  /** A round failed: the service is not up to date until one succeeds. */
  onFailed?: () => void;
  /** A round succeeded after failures: the chain may have changed while it could not see. */
  onBack?: () => void;
}

/**
 * Why a call failed, in one line an operator can act on: viem's short message with its details (the
 * node's own words, e.g. "BlockOutOfRangeError: block height is 52 but requested was 53"), which its
 * first line alone ("Invalid parameters were provided to the RPC method.") leaves out.
 */
export function failureReason(error: unknown): string {
  const first = (text: string) => text.split("\n")[0]!;
  if (error instanceof BaseError) {
    const short = first(error.shortMessage);
    const details = error.details ? first(error.details) : "";
    return details && !short.includes(details) ? `${short}: ${details}` : short;
  }
  return first(error instanceof Error ? error.message : String(error));
}

/** Runs `round` every `pollMs` until `signal` aborts. */
export async function runRounds(
  round: () => Promise<void>,
  signal: AbortSignal,
  o: RoundLoop,
): Promise<void> {
  let failures = 0;
  let downSince: number | undefined;
  while (!signal.aborted) {
    try {
      await round();
      if (downSince !== undefined) {
        const seconds = ((Date.now() - downSince) / 1000).toFixed(1);
        o.log(`[block ${o.lastBlock()}] RPC is back after ${seconds} s: resuming from the chain's state`);
        downSince = undefined;
        o.onBack?.();
      }
      failures = 0;
      await sleep(o.pollMs, signal);
    } catch (error) {
      if (signal.aborted) break;
      const reason = failureReason(error);
      if (o.isFatal?.(reason)) throw error;
      o.onFailed?.();
      const delay = backoffDelay(failures, o.backoff);
      downSince ??= Date.now();
      o.log(
        `[block ${o.lastBlock() ?? "?"}] RPC round failed (${reason}); retry ${failures + 1} in ${(delay / 1000).toFixed(1)} s`,
      );
      failures++;
      await sleep(delay, signal);
    }
  }
}

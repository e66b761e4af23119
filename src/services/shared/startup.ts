// How a service starts: Ctrl-C and SIGTERM stop it cleanly, and it waits for the RPC when the chain is
// not up yet (npm start starts the chain and the services side by side). The chain id it then reads
// decides the service's defaults (the demo accounts on the local chain).
import { createPublicClient, http } from "viem";
import { type BackoffOptions, backoffDelay, sleep } from "./backoff.ts";
import { consoleLog as log } from "./log.ts";

/** An AbortController aborted by SIGINT or SIGTERM; `what` names the service in the line it logs. */
export function stopOnSignals(what: string): AbortController {
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (!stop.signal.aborted)
        log(`${signal}: stopping the ${what} (nothing to save: the chain is the state)`);
      stop.abort();
    });
  }
  return stop;
}

/** The chain id of `rpcUrl`, retried with backoff until it answers; undefined if stopped first. */
export async function waitForChainId(
  rpcUrl: string,
  backoff: BackoffOptions,
  signal: AbortSignal,
): Promise<number | undefined> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      return await probe.getChainId();
    } catch {
      const delay = backoffDelay(attempt, backoff);
      log(`RPC ${rpcUrl} is not answering; retry in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, signal);
    }
  }
  return undefined;
}

import { useEffect, useRef, useState } from "react";
import { marketCall, useRunTransaction } from "./useRunTransaction.ts";

const STORAGE_KEY = "fedpay.autoHeartbeat";

/** Blocks between automatic heartbeats: a quarter of the timeout, so one missed beat is harmless. */
export function heartbeatEvery(timeoutBlocks: number): bigint {
  return BigInt(Math.max(1, Math.floor(timeoutBlocks / 4)));
}

/**
 * While the page is open and the switch is on, sends a heartbeat through the normal write path
 * whenever the last one is a quarter of the timeout old (measured in blocks, the chain's clock).
 */
export function useAutoHeartbeat(
  active: boolean,
  lastHeartbeat: bigint | undefined,
  block: bigint | undefined,
  timeoutBlocks: number | undefined,
) {
  const [enabled, setEnabledState] = useState(() => localStorage.getItem(STORAGE_KEY) !== "off");
  const { state, run } = useRunTransaction();
  const lastSent = useRef<bigint>(-1n);

  useEffect(() => {
    if (
      !enabled ||
      !active ||
      lastHeartbeat === undefined ||
      block === undefined ||
      timeoutBlocks === undefined
    )
      return;
    const every = heartbeatEvery(timeoutBlocks);
    const since = lastHeartbeat > lastSent.current ? lastHeartbeat : lastSent.current;
    if (block - since < every) return;
    lastSent.current = block;
    void run(marketCall("heartbeat", []));
  }, [enabled, active, lastHeartbeat, block, timeoutBlocks, run]);

  const setEnabled = (on: boolean) => {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    setEnabledState(on);
  };
  return { enabled, setEnabled, state };
}

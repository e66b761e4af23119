import { useEffect, useRef, useState } from "react";
import type { Hex } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import { fetchLogsForward } from "../lib/marketLogs.ts";
import { lastTouches } from "../lib/touches.ts";
import { useLatestBlock } from "./useLatestBlock.ts";

interface Watch {
  /** Blocks up to here were scanned (each with the words watched at the time). */
  scannedTo?: bigint;
  touches: ReadonlyMap<Hex, bigint>;
}

/**
 * For each of `words` (job ids or accounts as topic words, see lib/touches.ts), the last block since
 * the hook started in which a market event had it as its first indexed argument. One eth_getLogs per
 * new block covers every word at once, and none is sent while there is nothing to watch. A failed
 * read is retried from the same block at the next block.
 */
export function useWatchTouches(words: readonly Hex[]): ReadonlyMap<Hex, bigint> {
  const config = useConfig();
  const block = useLatestBlock();
  const [watch, setWatch] = useState<Watch>({ touches: new Map() });
  const busy = useRef(false);
  const key = words.join(",");
  useEffect(() => {
    if (block === undefined || busy.current) return;
    const from = watch.scannedTo === undefined ? block : watch.scannedTo + 1n;
    const client = getPublicClient(config);
    if (from > block || !client) return;
    busy.current = true;
    const topicWords = key === "" ? [] : (key.split(",") as Hex[]);
    const read = topicWords.length
      ? fetchLogsForward(client, jobMarket.address, [null, topicWords], from, block)
      : Promise.resolve([]);
    read
      .then((logs) =>
        setWatch((old) => {
          const touches = new Map(old.touches);
          for (const [word, at] of lastTouches(logs))
            if (at > (touches.get(word) ?? -1n)) touches.set(word, at);
          return { scannedTo: block, touches };
        }),
      )
      .catch(() => undefined)
      .finally(() => {
        busy.current = false;
      });
  }, [block, watch.scannedTo, key, config]);
  return watch.touches;
}

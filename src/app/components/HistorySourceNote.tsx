import type { HistorySource } from "../indexer/history.ts";

function detail(source: HistorySource): string {
  if (source.kind === "indexer") {
    const behind = source.head - source.indexedBlock;
    return behind > 0n
      ? ` (indexed to block ${source.indexedBlock}; the newest ${behind} from the chain)`
      : "";
  }
  if (source.reason === "no indexer") return "";
  if (source.reason === "indexer behind")
    return source.behind === undefined
      ? " (the indexer has not indexed yet)"
      : ` (the indexer is ${source.behind} blocks behind)`;
  return " (the indexer did not answer)";
}

/** Which source a history on screen was read from: the indexer, or the chain and why. */
export function HistorySourceNote({ source }: { source: HistorySource | undefined }) {
  if (!source) return null;
  return (
    <p className="mb-2 text-xs text-slate-500" data-testid="history-source" data-source={source.kind}>
      History: {source.kind}
      {detail(source)}
    </p>
  );
}

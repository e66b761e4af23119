import { formatAmount } from "../../protocol/units.ts";
import { useAsset } from "../hooks/useAsset.ts";

/** An amount of the market's asset (`wei`: its smallest unit), exact, with its symbol, e.g. "12.5 fdUSD". */
export function Coin({ wei, testId }: { wei: bigint | undefined; testId?: string }) {
  const asset = useAsset();
  return (
    <span className="tabular-nums whitespace-nowrap" data-testid={testId}>
      {wei === undefined ? "…" : formatAmount(wei, asset)}
    </span>
  );
}

import { appChain } from "../config/chain.ts";
import { formatCoin } from "../../protocol/units.ts";

/** An amount of the native coin, exact to the wei. */
export function Coin({ wei, testId }: { wei: bigint | undefined; testId?: string }) {
  return (
    <span className="tabular-nums whitespace-nowrap" data-testid={testId}>
      {wei === undefined ? "…" : `${formatCoin(wei)} ${appChain.nativeCurrency.symbol}`}
    </span>
  );
}

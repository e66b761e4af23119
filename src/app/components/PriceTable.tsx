import type { PriceBreakdown } from "../../protocol/money/index.ts";
import { Coin } from "./Coin.tsx";

/** A job's price, item by item (docs/rules.md §3). */
export function PriceTable({
  price,
  mpcCount,
  testId,
}: {
  price: PriceBreakdown;
  mpcCount: number;
  testId?: string;
}) {
  const rows: [string, bigint][] = [
    ["DO fees", price.doFees],
    [`MPC fees (${mpcCount} × each)`, price.mpcFees],
    ["GDS fee", price.gdsFee],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm" data-testid={testId}>
      {rows.map(([label, wei]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="text-right">
            <Coin wei={wei} />
          </dd>
        </div>
      ))}
      <dt className="border-t border-slate-200 font-semibold">Total</dt>
      <dd
        className="border-t border-slate-200 text-right font-semibold"
        data-testid={testId ? `${testId}-total` : undefined}
      >
        <Coin wei={price.total} />
      </dd>
      <dt className="text-xs text-slate-500">Collateral each participant locks</dt>
      <dd className="text-right text-xs text-slate-500">
        <Coin wei={price.collateral} />
      </dd>
    </dl>
  );
}

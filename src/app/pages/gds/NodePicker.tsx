import type { ReactNode } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { blocksSince, livenessOf } from "../../lib/liveness.ts";
import { describeTerms } from "../../lib/nodeTerms.ts";
import type { NodeView } from "../../../protocol/views.ts";

interface Props {
  caption: string;
  nodes: readonly NodeView[];
  selected: ReadonlySet<string>;
  onToggle: (account: string) => void;
  block: bigint | undefined;
  timeoutBlocks: number | undefined;
  /** Collateral each picked node must have free; nodes below it are marked. */
  required?: bigint;
  /**
   * Why the contract would refuse to lock this node into the job being formed (its terms, its stake):
   * shown on its row before anything is sent. Empty: orderable.
   */
  refusalOf?: (node: NodeView) => string[];
  /** Extra cell for a picked node (e.g. its price). */
  extra?: (node: NodeView) => ReactNode;
  testId: string;
}

/** Pick nodes from the registry, seeing each one's free stake and heartbeat age before choosing. */
export function NodePicker({
  caption,
  nodes,
  selected,
  onToggle,
  block,
  timeoutBlocks,
  required,
  refusalOf,
  extra,
  testId,
}: Props) {
  const asset = useAsset();
  return (
    <div className="max-h-80 overflow-auto rounded border border-slate-200">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500">
          <tr>
            <th className="px-2 py-1 font-medium">Pick</th>
            <th className="font-medium">Node</th>
            <th className="text-right font-medium">Free stake</th>
            <th className="px-2 font-medium">Heartbeat</th>
            <th className="px-2 font-medium">Terms</th>
            {extra && <th className="font-medium">Price</th>}
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => {
            const key = node.account.toLowerCase();
            const picked = selected.has(key);
            const short = required !== undefined && node.balance < required;
            const refused = refusalOf?.(node) ?? [];
            const liveness =
              block !== undefined && timeoutBlocks !== undefined
                ? livenessOf(node.lastHeartbeat, block, timeoutBlocks)
                : undefined;
            return (
              <tr key={key} className={`border-t border-slate-100 ${picked ? "bg-teal-50" : ""}`}>
                <td className="px-2 py-1">
                  <input
                    type="checkbox"
                    checked={picked}
                    onChange={() => onToggle(key)}
                    aria-label={`Pick ${node.account}`}
                    data-testid={`${testId}-pick-${key}`}
                  />
                </td>
                <td>
                  <AddressText address={node.account} />
                </td>
                <td className={`text-right ${short ? "font-semibold text-red-700" : ""}`}>
                  <Coin wei={node.balance} />
                  {short && picked && <span className="block text-xs">below the collateral</span>}
                </td>
                <td
                  className={`px-2 text-xs ${liveness === "timed out" || liveness === "never" ? "text-red-700" : liveness === "late" ? "text-amber-700" : "text-slate-600"}`}
                >
                  {node.lastHeartbeat === 0n || block === undefined
                    ? "never"
                    : `${blocksSince(node.lastHeartbeat, block)} blocks ago`}{" "}
                  {liveness && `(${liveness})`}
                </td>
                <td className="px-2 text-xs" data-testid={`${testId}-terms-${key}`}>
                  <span className="text-slate-600">
                    {node.termsSet ? describeTerms(node.terms, asset) : "no terms set (accepts any order)"}
                  </span>
                  {refused.length > 0 && (
                    <span
                      className="block font-semibold text-red-700"
                      data-testid={`${testId}-refused-${key}`}
                    >
                      Not orderable: {refused.join("; ")}.
                    </span>
                  )}
                </td>
                {extra && <td className="py-1 pr-2">{picked ? extra(node) : null}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

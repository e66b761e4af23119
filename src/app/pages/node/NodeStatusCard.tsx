import { useState } from "react";
import { AmountAction } from "../../components/AmountAction.tsx";
import { Coin } from "../../components/Coin.tsx";
import { Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { heartbeatEvery, useAutoHeartbeat } from "../../hooks/useAutoHeartbeat.ts";
import { useParseAmount } from "../../hooks/useParseAmount.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { roleName } from "../../../protocol/enums.ts";
import { blocksSince, livenessOf } from "../../lib/liveness.ts";
import type { NodeView } from "../../../protocol/views.ts";

interface Props {
  node: NodeView;
  block: bigint | undefined;
  timeoutBlocks: number | undefined;
}

/** A registered node: role, stake, liveness, deposit and heartbeats (manual and automatic). */
export function NodeStatusCard({ node, block, timeoutBlocks }: Props) {
  const [amount, setAmount] = useState("");
  const parsed = useParseAmount(amount);
  const auto = useAutoHeartbeat(true, node.lastHeartbeat, block, timeoutBlocks);
  const liveness =
    block !== undefined && timeoutBlocks !== undefined
      ? livenessOf(node.lastHeartbeat, block, timeoutBlocks)
      : undefined;
  return (
    <Section title={`Registered as ${roleName(node.role)}`} testId="node-status">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Free stake</dt>
          <dd>
            <Coin wei={node.balance} testId="node-free" />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Locked in jobs</dt>
          <dd>
            <Coin wei={node.locked} testId="node-locked" />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Active jobs</dt>
          <dd>{node.activeJobs}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Last heartbeat</dt>
          <dd data-testid="node-heartbeat">
            {node.lastHeartbeat === 0n ? "never" : `block ${node.lastHeartbeat}`}
            {block !== undefined &&
              node.lastHeartbeat > 0n &&
              ` (${blocksSince(node.lastHeartbeat, block)} blocks ago, ${liveness})`}
          </dd>
        </div>
      </dl>
      <div className="mt-4 flex flex-wrap items-end gap-6">
        <AmountAction
          payment
          input={{
            label: "Deposit more stake",
            value: amount,
            onChange: setAmount,
            testId: "deposit-amount",
          }}
          button={{
            label: "Deposit",
            call: parsed.ok ? marketCall("deposit", [parsed.value]) : null,
            disabledReason: parsed.ok ? null : parsed.error,
            onConfirmed: () => setAmount(""),
            testId: "deposit-button",
          }}
        />
        <div className="mb-5 flex flex-col gap-2">
          <TxButton
            label="Send heartbeat"
            variant="secondary"
            call={marketCall("heartbeat", [])}
            testId="heartbeat-button"
          />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={auto.enabled}
              onChange={(e) => auto.setEnabled(e.target.checked)}
              data-testid="auto-heartbeat"
            />
            Automatic heartbeat while this page is open
            {timeoutBlocks !== undefined && (
              <span className="text-xs text-slate-500">
                (every {String(heartbeatEvery(timeoutBlocks))} blocks)
              </span>
            )}
          </label>
          {auto.enabled && auto.state.phase !== "idle" && (
            <p className="text-xs text-slate-500" role="status">
              Automatic heartbeat:{" "}
              {auto.state.phase === "confirmed"
                ? `sent in block ${auto.state.blockNumber}`
                : (auto.state.message ?? auto.state.phase)}
            </p>
          )}
        </div>
      </div>
      <p className="text-xs text-slate-500">
        Withdrawing takes only free stake; locked collateral comes back when its job settles.
      </p>
    </Section>
  );
}

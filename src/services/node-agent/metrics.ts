// GET /metrics: the agent's counters in Prometheus text format (exposition format 0.0.4), for the
// operator's existing monitoring: jobs, the last heartbeat block, transactions, failures.
export interface MetricsFacts {
  block: bigint | undefined;
  rpcUp: boolean;
  registered: boolean;
  jobsByState: Record<string, number>;
  lastHeartbeatBlock: bigint | undefined;
  sentByKind: Record<string, number>;
  minedByKind: Record<string, number>;
  failures: number;
  feeBumps: number;
  inFlight: number;
  queued: number;
  coalesced: number;
  autoChallenge: boolean;
  challenges: number;
}

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function formatMetrics(m: MetricsFacts): string {
  const lines: string[] = [];
  const metric = (
    name: string,
    type: "gauge" | "counter",
    help: string,
    samples: [string, number | bigint][],
  ) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  };
  const byLabel = (label: string, values: Record<string, number>): [string, number][] =>
    Object.entries(values).map(([k, v]) => [`{${label}="${escape(k)}"}`, v]);
  metric("fedpay_agent_block", "gauge", "Latest block the agent has read.", [["", m.block ?? 0n]]);
  metric("fedpay_agent_rpc_up", "gauge", "1 when the last round reached the RPC.", [["", m.rpcUp ? 1 : 0]]);
  metric("fedpay_agent_registered", "gauge", "1 when the node is registered.", [["", m.registered ? 1 : 0]]);
  metric("fedpay_agent_jobs", "gauge", "Jobs of this node by state.", byLabel("state", m.jobsByState));
  metric("fedpay_agent_last_heartbeat_block", "gauge", "Block of the node's last heartbeat on chain.", [
    ["", m.lastHeartbeatBlock ?? 0n],
  ]);
  metric(
    "fedpay_agent_transactions_sent_total",
    "counter",
    "Transactions sent, by kind (fee bumps not counted).",
    byLabel("kind", m.sentByKind),
  );
  metric(
    "fedpay_agent_transactions_mined_total",
    "counter",
    "Transactions mined successfully, by kind.",
    byLabel("kind", m.minedByKind),
  );
  metric("fedpay_agent_failures_total", "counter", "Transactions reverted on chain or refused when sent.", [
    ["", m.failures],
  ]);
  metric("fedpay_agent_fee_bumps_total", "counter", "Re-sendings of unmined transactions at higher fees.", [
    ["", m.feeBumps],
  ]);
  metric("fedpay_agent_in_flight", "gauge", "Transactions sent and not yet mined.", [["", m.inFlight]]);
  metric("fedpay_agent_progress_queued", "gauge", "Progress positions waiting to be sent.", [["", m.queued]]);
  metric("fedpay_agent_progress_coalesced_total", "counter", "Progress positions merged into a newer one.", [
    ["", m.coalesced],
  ]);
  metric(
    "fedpay_agent_auto_challenge",
    "gauge",
    "1 when every judgement against this node is challenged at once.",
    [["", m.autoChallenge ? 1 : 0]],
  );
  metric("fedpay_agent_challenges_total", "counter", "Judgements challenged.", [["", m.challenges]]);
  return `${lines.join("\n")}\n`;
}

// The watcher's status line, every few blocks (its action lines: actions.ts and the shared sender).
export interface StatusFigures {
  blockNumber: bigint;
  jobsByState: Record<string, number>;
  lateParticipants: number;
  inFlight: number;
  /** Jobs given up on after repeated reverts (a person should look). */
  givenUp: number;
  actionsTaken: Record<string, number>;
  scanMs: number;
  scanHttpRequests: number;
  scanRpcCalls: number;
}

export function formatStatus(s: StatusFigures): string {
  const watched = Object.values(s.jobsByState).reduce((a, b) => a + b, 0);
  const states = Object.entries(s.jobsByState)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
  const actions = Object.entries(s.actionsTaken)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  return (
    `[block ${s.blockNumber}] status: watching ${watched} job${watched === 1 ? "" : "s"}` +
    `${states ? ` (${states})` : ""}, ${s.lateParticipants} participant${s.lateParticipants === 1 ? "" : "s"} late, ` +
    `${s.inFlight} tx in flight${s.givenUp > 0 ? `, ${s.givenUp} job${s.givenUp === 1 ? "" : "s"} given up on after repeated reverts` : ""}; actions taken: ${actions || "none"}; ` +
    `this block's scan ${s.scanMs} ms, ${s.scanHttpRequests} HTTP request${s.scanHttpRequests === 1 ? "" : "s"} / ${s.scanRpcCalls} RPC call${s.scanRpcCalls === 1 ? "" : "s"}`
  );
}

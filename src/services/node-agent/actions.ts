// What each of the agent's transactions calls, how its lines read, which reverts only mean the job
// moved on, and the gas a final completion needs: the agent's part of the shared sender
// (src/services/shared/sender.ts).
import type { Address, Hex } from "viem";
import { finalCompletionJob, gasLimitFor } from "../../protocol/gas.ts";
import { roleName } from "../../protocol/enums.ts";
import { accountLabel, shortHex } from "../shared/log.ts";
import type { ActionRules, MarketCall, SendableAction } from "../shared/sender.ts";
import { describePosition, kindOf, type Position } from "./position.ts";

export interface TermsTuple {
  accepting: boolean;
  gds: Address;
  minFee: bigint;
  maxCollateral: bigint;
}

export type AgentAction = SendableAction &
  (
    | { kind: "updateJobStatus"; jobId: Hex; position: Position; participants: number }
    | { kind: "heartbeat"; jobs: number; dueSince: bigint }
    | { kind: "challengeJudgement"; jobId: Hex; key: string; auto: boolean }
    | { kind: "requestMpcReplacement"; jobId: Hex; key: string; mpc: Address }
    | { kind: "setNodeTerms"; terms: TermsTuple }
    | { kind: "registerNode"; role: number; amount: bigint; value: bigint }
  );

/** The job moved on (another update, a settlement, a replacement): said once, never counted. */
export const AGENT_BENIGN_ERRORS: ReadonlySet<string> = new Set([
  "JobMarketWrongState",
  "JobMarketParticipantFinished",
  "JobMarketProgressRegressed",
  "JobMarketNotParticipant",
  "JobMarketChallengeWindowOver",
]);

function callOf(action: AgentAction): MarketCall {
  switch (action.kind) {
    case "updateJobStatus":
      return { functionName: "updateJobStatus", args: [action.jobId, action.position] };
    case "heartbeat":
      return { functionName: "heartbeat", args: [] };
    case "challengeJudgement":
      return { functionName: "challengeJudgement", args: [action.jobId] };
    case "requestMpcReplacement":
      return { functionName: "requestMpcReplacement", args: [action.jobId, action.mpc] };
    case "setNodeTerms":
      return { functionName: "setNodeTerms", args: [action.terms] };
    case "registerNode":
      return { functionName: "registerNode", args: [action.role, action.amount], value: action.value };
  }
}

const WHY: Record<string, string> = {
  final: "the final completion (it may settle the job)",
  failed: "own failure (the job aborts)",
  psiEnd: "the end of the PSI stage",
  epoch: "an epoch completion (sets compensation)",
  display: "progress (display and liveness)",
};

export function describeAction(action: AgentAction): string {
  switch (action.kind) {
    case "updateJobStatus":
      return `updateJobStatus job ${shortHex(action.jobId)} ${describePosition(action.position)}: ${WHY[kindOf(action.position)]}`;
    case "heartbeat":
      return `heartbeat: ${action.jobs} job(s) would time this node out soon (due since block ${action.dueSince})`;
    case "challengeJudgement":
      return `challengeJudgement job ${shortHex(action.jobId)}${action.auto ? " (FEDPAY_AUTO_CHALLENGE: every judgement against this node)" : " (asked through the API)"}`;
    case "requestMpcReplacement":
      return `requestMpcReplacement job ${shortHex(action.jobId)} MPC ${accountLabel(action.mpc)}`;
    case "setNodeTerms": {
      const t = action.terms;
      const gds = /^0x0+$/.test(t.gds) ? "any GDS" : `GDS ${accountLabel(t.gds)} only`;
      return `setNodeTerms ${t.accepting ? "accepting" : "NOT accepting"}, ${gds}, minFee ${t.minFee}, maxCollateral ${t.maxCollateral}`;
    }
    case "registerNode":
      return `registerNode as ${roleName(action.role)} with stake ${action.amount}`;
  }
}

export const agentActions: ActionRules<AgentAction> = {
  call: callOf,
  describe: describeAction,
  benign: AGENT_BENIGN_ERRORS,
  gasLimit(action, estimate) {
    const call = callOf(action);
    const settling =
      finalCompletionJob(call) && action.kind === "updateJobStatus" ? action.participants : undefined;
    return gasLimitFor(estimate, settling);
  },
};

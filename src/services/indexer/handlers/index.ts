// Which projection each market event has, beside its timeline row. An event without one (the role,
// upgrade and initializer events) is still in the timeline. A new event of the contract gets its
// projection here, and nowhere else.
import { onParametersUpdated, onPaused, onTrustParametersUpdated, onUnpaused } from "./admin.ts";
import {
  onJobAborting,
  onJobDispatched,
  onJobOrdered,
  onJobSettled,
  onJobStatusUpdated,
  onMpcReplaced,
  onMpcReplacementRequested,
  onMpcsAssigned,
  onQuerySubmitted,
} from "./jobs.ts";
import {
  onBondLocked,
  onBondReleased,
  onChallengeResolved,
  onJobJudged,
  onJudgementChallenged,
} from "./judgements.ts";
import {
  onCollateralLocked,
  onCollateralReleased,
  onDeposited,
  onFined,
  onRefund,
  onRewardDistributed,
  onWithdrawn,
} from "./money.ts";
import { onHeartbeat, onNodeDeregistered, onNodeRegistered, onNodeTermsSet } from "./nodes.ts";
import { recordEvent } from "./timeline.ts";
import { applyFlows } from "./totals.ts";
import { type Db, type MarketEvent, type MarketEventName, noFlows, type Projection } from "./types.ts";

export const projections: { [N in MarketEventName]?: Projection<N> } = {
  NodeRegistered: onNodeRegistered,
  NodeDeregistered: onNodeDeregistered,
  Deposited: onDeposited,
  Withdrawn: onWithdrawn,
  Heartbeat: onHeartbeat,
  NodeTermsSet: onNodeTermsSet,
  ParametersUpdated: onParametersUpdated,
  TrustParametersUpdated: onTrustParametersUpdated,
  Paused: onPaused,
  Unpaused: onUnpaused,
  JobOrdered: onJobOrdered,
  QuerySubmitted: onQuerySubmitted,
  MpcsAssigned: onMpcsAssigned,
  JobDispatched: onJobDispatched,
  JobStatusUpdated: onJobStatusUpdated,
  MpcReplacementRequested: onMpcReplacementRequested,
  MpcReplaced: onMpcReplaced,
  Fined: onFined,
  RewardDistributed: onRewardDistributed,
  Refund: onRefund,
  JobAborting: onJobAborting,
  JobSettled: onJobSettled,
  CollateralLocked: onCollateralLocked,
  CollateralReleased: onCollateralReleased,
  BondLocked: onBondLocked,
  JobJudged: onJobJudged,
  JudgementChallenged: onJudgementChallenged,
  ChallengeResolved: onChallengeResolved,
  BondReleased: onBondReleased,
};

/** Indexes one event: its timeline row, its projection, then the market's and the day's totals. */
export async function indexEvent(name: MarketEventName, event: MarketEvent, db: Db): Promise<void> {
  const market = event.log.address;
  const flows = noFlows();
  await recordEvent(db, name, event);
  const project = projections[name] as Projection<MarketEventName> | undefined;
  await project?.(event, { db, flows, market });
  await applyFlows(db, market, event, flows);
}

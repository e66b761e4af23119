import { shortAddress } from "../../protocol/address.ts";
import { failureReasonName, formatStatus, jobStateName, jobTypeName } from "../../protocol/enums.ts";
import type { MarketLog } from "./marketLogs.ts";
import type { AmountUnit } from "../../protocol/asset.ts";
import { formatAmount, formatBps } from "../../protocol/units.ts";
import { describeTerms } from "./nodeTerms.ts";

const sum = (amounts: readonly bigint[]) => amounts.reduce((a, b) => a + b, 0n);
const list = (addresses: readonly string[]) => addresses.map(shortAddress).join(", ");

/** One line saying what a market event means, for the job timeline and the live feed; amounts in `unit`. */
export function describeEvent(log: MarketLog, unit: AmountUnit): string {
  const coin = (amount: bigint) => formatAmount(amount, unit);
  switch (log.eventName) {
    case "JobOrdered":
      return `${jobTypeName(log.args.jobType)} job ordered by GDS ${shortAddress(log.args.gds)} for QC ${shortAddress(log.args.qc)} with ${log.args.dos.length} DOs, quote ${coin(log.args.quote)}`;
    case "QuerySubmitted":
      return `QC paid ${coin(log.args.amount)} (total paid ${coin(log.args.totalPaid)})`;
    case "MpcsAssigned":
      return `MPCs assigned at ${coin(log.args.mpcPrice)} each: ${list(log.args.mpcs)}`;
    case "JobDispatched":
      return `Dispatched to ${log.args.dos.length} DOs and ${log.args.mpcs.length} MPCs`;
    case "JobStatusUpdated":
      return `${shortAddress(log.args.participant)}: ${formatStatus(log.args.status)}`;
    case "MpcReplacementRequested":
      return `${shortAddress(log.args.requester)} asked to replace MPC ${shortAddress(log.args.mpc)}`;
    case "MpcReplaced":
      return `MPC ${shortAddress(log.args.oldMpc)} replaced by ${shortAddress(log.args.newMpc)} (replacement ${log.args.replacements})`;
    case "Fined":
      return `${shortAddress(log.args.offender)} fined ${coin(log.args.amount)} (${failureReasonName(log.args.reason)})`;
    case "RewardDistributed":
      return `Rewards of ${coin(sum(log.args.amounts))} credited to ${log.args.recipients.length} accounts`;
    case "Refund":
      return `Refund of ${coin(sum(log.args.amounts))} to ${list(log.args.recipients)}`;
    case "JobAborting":
      return `${shortAddress(log.args.reporter)} reported a failure: the job is aborting`;
    case "JobSettled":
      return `Settled: ${jobStateName(log.args.finalState)}`;
    case "CollateralLocked":
      return `${shortAddress(log.args.node)} locked ${coin(log.args.amount)} of collateral`;
    case "CollateralReleased":
      return `${shortAddress(log.args.node)} got ${coin(log.args.amount)} of collateral back`;
    case "NodeRegistered":
      return `${shortAddress(log.args.node)} registered with ${coin(log.args.stake)}`;
    case "Deposited":
      return `${shortAddress(log.args.account)} deposited ${coin(log.args.amount)}`;
    case "Withdrawn":
      return `${shortAddress(log.args.account)} withdrew ${coin(log.args.amount)}`;
    case "Heartbeat":
      return `${shortAddress(log.args.node)} heartbeat`;
    // trust (docs/rules.md §11)
    case "NodeTermsSet":
      return `${shortAddress(log.args.node)} set its terms: ${describeTerms(log.args.terms, unit)}`;
    case "BondLocked":
      return `GDS ${shortAddress(log.args.gds)} locked a judgement bond of ${coin(log.args.amount)}`;
    case "JobJudged":
      return `GDS ${shortAddress(log.args.gds)} judged ${list(log.args.offenders)} non-compliant (bond ${coin(log.args.bond)}): Judged, open to challenge before block ${log.args.challengeDeadline}`;
    case "JudgementChallenged":
      return `${shortAddress(log.args.challenger)} challenged the judgement: Challenged, the arbiter rules`;
    case "ChallengeResolved":
      return log.args.upheld.length === 0
        ? `Arbiter ${shortAddress(log.args.arbiter)} overturned the judgement for everyone named`
        : `Arbiter ${shortAddress(log.args.arbiter)} upheld the judgement of ${list(log.args.upheld)}; the others named are overturned`;
    case "BondReleased":
      return `${coin(log.args.amount)} of the judgement bond went back to GDS ${shortAddress(log.args.gds)}`;
    case "TrustParametersUpdated":
      return `Judgement parameters set: challenge window ${log.args.parameters.challengeWindowBlocks} blocks, arbitration ${log.args.parameters.arbitrationBlocks} blocks, bond ${formatBps(log.args.parameters.judgementBondBps)}`;
    default:
      return log.eventName;
  }
}

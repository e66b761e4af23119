// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage, Job, Part, Judgement, NodeAccount} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {SettlementRules} from "./SettlementRules.sol";

/// @title JudgementLogic
/// @notice Contestable GDS judgements (docs/rules.md §11.7): a NonCompliantResult report locks a bond and
/// freezes the job as Judged; a named participant may challenge it (Challenged); the arbiter upholds or
/// overturns each named participant, or the deadlines decide (upheld when unchallenged, overturned when
/// unruled). No fine without a ruling. An external library delegatecalled by the JobMarket (which checks
/// GDS_ROLE and ARBITER_ROLE before calling).
library JudgementLogic {
    /// @notice The job's GDS judges `offenders` non-compliant, locking the bond from its balance.
    /// @dev Requirements: the caller placed the job; the job is Dispatched; at least one offender, each a
    /// current participant, no duplicates; the GDS's balance covers the bond. Every participant timed out
    /// now is flagged: it is an offender of the judgement whatever the ruling.
    function judge(bytes16 id, address[] calldata offenders) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireJobGds(job, id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        uint256 named = offenders.length;
        if (named == 0) revert IJobMarket.JobMarketNoOffenders(id);
        mapping(address => Part) storage parts = $.parts[id];
        for (uint256 i; i < named; ++i) {
            address who = offenders[i];
            Part storage part = parts[who];
            if (part.role == 0) revert IJobMarket.JobMarketNotParticipant(id, who);
            if (part.named) revert IJobMarket.JobMarketDuplicateParticipant(id, who);
            part.named = true;
        }

        // Freeze liveness at this block: k = the named plus everyone else timed out now.
        SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
        uint256 dispatchedAt = job.dispatchedAt;
        uint256 timeoutBlocks = job.params.timeoutBlocks;
        uint256 k;
        for (uint256 i; i < members.length; ++i) {
            address account = members[i].account;
            Part storage part = parts[account];
            bool late = JobRules.timedOutWith(part, account, block.number, dispatchedAt, timeoutBlocks);
            if (late) part.timedOutAtJudgement = true;
            if (late || part.named) ++k;
        }

        Judgement storage judgement = $.judgements[id];
        if (judgement.judgementBondBps == 0) _snapshotTrustParameters(judgement, $);
        // B = judgementBondBps x (the fines the judgement asks of the named: each floor(detected x C / k)).
        uint256 asked = named * FeeMath.fineOf(job.collateral, job.params.detectedFineBps, k);
        uint256 bond = (asked * judgement.judgementBondBps) / FeeMath.BPS;
        NodeAccount storage gdsAccount = $.accounts[msg.sender];
        uint256 balance = gdsAccount.balance;
        if (balance < bond) revert IJobMarket.JobMarketInsufficientBalance(msg.sender, balance, bond);
        gdsAccount.balance = uint104(balance - bond);

        job.state = JobRules.STATE_JUDGED;
        judgement.judgedAt = uint64(block.number);
        judgement.namedCount = uint16(named);
        judgement.bond = uint96(bond);
        emit IJobMarket.BondLocked(id, msg.sender, bond);
        emit IJobMarket.JobJudged(id, msg.sender, offenders, bond, block.number + judgement.challengeWindowBlocks);
    }

    /// @notice A named participant challenges the judgement: every named participant goes to arbitration.
    /// @dev Requirements: the job is Judged; the caller is named; block < judgedAt + challengeWindowBlocks.
    function challengeJudgement(bytes16 id) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_JUDGED);
        if (!$.parts[id][msg.sender].named) revert IJobMarket.JobMarketNotNamed(id, msg.sender);
        Judgement storage judgement = $.judgements[id];
        uint256 deadline = _challengeDeadline(judgement);
        if (block.number >= deadline) revert IJobMarket.JobMarketChallengeWindowOver(id, deadline);
        job.state = JobRules.STATE_CHALLENGED;
        judgement.challenger = msg.sender;
        emit IJobMarket.JudgementChallenged(id, msg.sender);
    }

    /// @notice The arbiter (the JobMarket checked ARBITER_ROLE) upholds the judgement of `upheld`, overturns
    /// the other named participants, and settles the job.
    /// @dev Requirements: the job is Challenged; block < the arbitration deadline; the caller is not the
    /// job's GDS, QC or a participant; every address in `upheld` is named, once.
    function resolveChallenge(bytes16 id, address[] calldata upheld) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_CHALLENGED);
        Judgement storage judgement = $.judgements[id];
        uint256 deadline = _arbitrationDeadline(judgement);
        if (block.number >= deadline) revert IJobMarket.JobMarketArbitrationOver(id, deadline);
        mapping(address => Part) storage parts = $.parts[id];
        if (msg.sender == job.gds || msg.sender == job.qc || parts[msg.sender].role != 0) {
            revert IJobMarket.JobMarketConflictOfInterest(id, msg.sender);
        }
        for (uint256 i; i < upheld.length; ++i) {
            address who = upheld[i];
            if (!parts[who].named) revert IJobMarket.JobMarketNotNamed(id, who);
            for (uint256 j; j < i; ++j) {
                if (upheld[j] == who) revert IJobMarket.JobMarketDuplicateParticipant(id, who);
            }
        }
        emit IJobMarket.ChallengeResolved(id, msg.sender, upheld);
        _settle(job, id, judgement, upheld, false);
    }

    /// @notice Settles a judgement the deadlines decide: a Judged job whose window is over as upheld; a
    /// Challenged job whose arbitration deadline passed unruled as overturned (anyone may call).
    function settleJudgement(bytes16 id) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        Judgement storage judgement = $.judgements[id];
        uint8 state = job.state;
        if (state == JobRules.STATE_JUDGED) {
            uint256 deadline = _challengeDeadline(judgement);
            if (block.number < deadline) revert IJobMarket.JobMarketChallengeWindowOpen(id, deadline);
            _settle(job, id, judgement, new address[](0), true);
        } else if (state == JobRules.STATE_CHALLENGED) {
            uint256 deadline = _arbitrationDeadline(judgement);
            if (block.number < deadline) revert IJobMarket.JobMarketArbitrationPending(id, deadline);
            _settle(job, id, judgement, new address[](0), false);
        } else {
            revert IJobMarket.JobMarketWrongState(id, state);
        }
    }

    /// @dev Settles with the named participants in `upheld` (or all of them) upheld: offenders are those plus
    /// everyone timed out at the judgement block; the bond's overturned share goes to the overturned
    /// participants that are not offenders, the rest back to the GDS.
    function _settle(
        Job storage job,
        bytes16 id,
        Judgement storage judgement,
        address[] memory upheld,
        bool allUpheld
    ) private {
        mapping(address => Part) storage parts = JobRules.store().parts[id];
        SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
        uint256 offenderCount;
        uint256 recipients; // overturned and not timed out: they share the forfeited bond
        for (uint256 i; i < members.length; ++i) {
            SettlementRules.Member memory m = members[i];
            Part storage part = parts[m.account];
            bool named = part.named;
            if (named && (allUpheld || _contains(upheld, m.account))) {
                m.offender = true;
                m.reason = JobRules.REASON_NON_COMPLIANT;
            } else if (part.timedOutAtJudgement) {
                m.offender = true;
                m.reason = JobRules.REASON_HEARTBEAT_TIMEOUT;
            } else if (named) {
                m.overturned = true;
                ++recipients;
            }
            if (m.offender) ++offenderCount;
        }

        uint256 bond = judgement.bond;
        uint256 namedCount = judgement.namedCount;
        uint256 overturned = allUpheld ? 0 : namedCount - upheld.length;
        uint256 forfeited = recipients == 0 ? 0 : (bond * overturned) / namedCount;
        if (recipients != 0) _shareBond(members, forfeited, recipients);
        address gds = job.gds;
        JobRules.credit(gds, bond - forfeited);
        emit IJobMarket.BondReleased(id, gds, bond - forfeited);

        if (offenderCount != 0) {
            // Settled as a failure with the remaining offenders: good DOs are owed their full fee.
            SettlementRules.settleFailure(job, id, members, offenderCount, false);
        } else {
            // Nobody is left to fine: the QC gets back all it paid, all collateral is released.
            uint256 collateral = job.collateral;
            SettlementRules.Payout memory payout = SettlementRules.newPayout(members.length);
            for (uint256 i; i < members.length; ++i) {
                SettlementRules.Member memory m = members[i];
                SettlementRules.addCredit(payout, m.account, m.bonus);
                JobRules.release(id, m.account, collateral, 0, m.bonus);
            }
            SettlementRules.finish(job, id, JobRules.STATE_FAILED, payout, 0, job.paid);
        }
    }

    /// @dev Splits `forfeited` equally among the overturned members, the dust to the first of them.
    function _shareBond(SettlementRules.Member[] memory members, uint256 forfeited, uint256 recipients) private pure {
        uint256 each = forfeited / recipients;
        uint256 dust = forfeited - each * recipients;
        for (uint256 i; i < members.length; ++i) {
            SettlementRules.Member memory m = members[i];
            if (!m.overturned) continue;
            m.bonus = each + dust;
            dust = 0;
        }
    }

    /// @dev A job ordered under release 1 snapshotted no trust parameters: it takes the market's current ones.
    function _snapshotTrustParameters(Judgement storage judgement, JobMarketStorage.Layout storage $) private {
        judgement.challengeWindowBlocks = $.trustParams.challengeWindowBlocks;
        judgement.arbitrationBlocks = $.trustParams.arbitrationBlocks;
        judgement.judgementBondBps = $.trustParams.judgementBondBps;
    }

    function _challengeDeadline(Judgement storage judgement) private view returns (uint256) {
        return uint256(judgement.judgedAt) + judgement.challengeWindowBlocks;
    }

    function _arbitrationDeadline(Judgement storage judgement) private view returns (uint256) {
        return uint256(judgement.judgedAt) + judgement.challengeWindowBlocks + judgement.arbitrationBlocks;
    }

    function _contains(address[] memory list, address who) private pure returns (bool) {
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == who) return true;
        }
        return false;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage, Job, Part} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {DoList} from "./DoList.sol";
import {SettlementRules} from "./SettlementRules.sol";

/// @title SettlementLogic
/// @notice Completion, a verified timeout, the settlement of an abort, and cancellation (docs/rules.md §4,
/// §6, §11.2). Judgements are JudgementLogic's. An external library delegatecalled by the JobMarket
/// (which checks roles before calling); settlement only credits internal balances (pull payments).
library SettlementLogic {
    /// @notice Pays everyone of a job whose last participant just completed its part.
    function settleCompleted(bytes16 id) public {
        Job storage job = JobRules.jobOf(id);
        SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
        uint256 collateral = job.collateral;
        SettlementRules.Payout memory payout = SettlementRules.newPayout(members.length);
        for (uint256 i; i < members.length; ++i) {
            SettlementRules.Member memory m = members[i];
            SettlementRules.addCredit(payout, m.account, m.fee);
            JobRules.release(id, m.account, collateral, 0, m.fee);
        }
        uint256 total = job.totalPrice;
        SettlementRules.finish(job, id, JobRules.STATE_COMPLETED, payout, total - payout.total, job.paid - total);
    }

    /// @notice Settles a job on a verified timeout (docs/rules.md §6), reported by anyone.
    /// @dev Requirements: the job is Dispatched; reason 1 (HeartbeatTimeout: a NonCompliantResult report is a
    /// judgement); at least one offender, each a current participant that is timed out, no duplicates.
    function reportFailure(bytes16 id, address[] calldata offenders, uint8 reason) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        if (reason != JobRules.REASON_HEARTBEAT_TIMEOUT) revert IJobMarket.JobMarketInvalidReason(reason);
        if (offenders.length == 0) revert IJobMarket.JobMarketNoOffenders(id);
        mapping(address => Part) storage parts = $.parts[id];
        for (uint256 i; i < offenders.length; ++i) {
            address who = offenders[i];
            Part storage part = parts[who];
            if (part.role == 0) revert IJobMarket.JobMarketNotParticipant(id, who);
            for (uint256 j; j < i; ++j) {
                if (offenders[j] == who) revert IJobMarket.JobMarketDuplicateParticipant(id, who);
            }
            if (!JobRules.timedOut(job, part, who, block.number)) revert IJobMarket.JobMarketNotTimedOut(id, who);
        }

        // Offenders: everyone timed out now (the named ones are).
        SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
        uint256 dispatchedAt = job.dispatchedAt;
        uint256 timeoutBlocks = job.params.timeoutBlocks;
        uint256 offenderCount;
        for (uint256 i; i < members.length; ++i) {
            SettlementRules.Member memory m = members[i];
            if (JobRules.timedOutWith(parts[m.account], m.account, block.number, dispatchedAt, timeoutBlocks)) {
                m.offender = true;
                m.reason = JobRules.REASON_HEARTBEAT_TIMEOUT;
                ++offenderCount;
            }
        }
        // Settled by reportFailure, a good DO is owed its full fee.
        SettlementRules.settleFailure(job, id, members, offenderCount, false);
    }

    /// @notice Records, at the abort block, which participants are timed out (docs/rules.md §6, rule 1:
    /// settleAbort fines those timed out at the abort block). Decided now because a node's heartbeat
    /// slot keeps only its latest block: one heartbeat after the abort would otherwise erase the evidence.
    /// @dev Called by the JobMarket in the Failed report that put job `id` into Aborting. The reporter's
    /// own lateness is in `abortReporterLate`.
    function recordAbortTimeouts(bytes16 id) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        mapping(address => Part) storage parts = $.parts[id];
        uint256 dispatchedAt = job.dispatchedAt;
        uint256 timeoutBlocks = job.params.timeoutBlocks;
        uint256 doCount = job.doCount;
        bytes32[] memory words = DoList.read(job.doList, doCount);
        for (uint256 i; i < doCount; ++i) {
            (address account, ) = DoList.unpack(words[i]);
            Part storage part = parts[account];
            if (JobRules.timedOutWith(part, account, block.number, dispatchedAt, timeoutBlocks)) {
                part.timedOutAtAbort = true;
            }
        }
        address[] memory mpcs = job.mpcs;
        for (uint256 i; i < mpcs.length; ++i) {
            Part storage part = parts[mpcs[i]];
            if (JobRules.timedOutWith(part, mpcs[i], block.number, dispatchedAt, timeoutBlocks)) {
                part.timedOutAtAbort = true;
            }
        }
    }

    /// @notice Settles an Aborting job (docs/rules.md §6, rule 5).
    /// @param byGds the caller holds GDS_ROLE (the job's GDS may settle at once)
    /// @dev Requirements: the job is Aborting; the caller is the job's GDS, or abortGraceBlocks have passed.
    function settleAbort(bytes16 id, bool byGds) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_ABORTING);
        uint256 abortedAt = job.abortedAt;
        uint256 graceOver = abortedAt + job.params.abortGraceBlocks;
        bool atOnce = byGds && msg.sender == job.gds;
        if (!atOnce && block.number < graceOver) revert IJobMarket.JobMarketGraceNotOver(id, graceOver);

        // Offenders: the reporter, plus everyone already timed out at the abort block (participants
        // told to stop are not fined for stopping).
        address reporter = job.abortReporter;
        uint8 reporterReason =
            job.abortReporterLate ? JobRules.REASON_HEARTBEAT_TIMEOUT : JobRules.REASON_SELF_REPORTED;
        mapping(address => Part) storage parts = $.parts[id];
        SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
        uint256 offenderCount;
        for (uint256 i; i < members.length; ++i) {
            SettlementRules.Member memory m = members[i];
            Part storage part = parts[m.account];
            m.completedEpochs = part.completedEpochs;
            if (m.account == reporter) {
                m.offender = true;
                m.reason = reporterReason;
            } else if (part.timedOutAtAbort) {
                m.offender = true;
                m.reason = JobRules.REASON_HEARTBEAT_TIMEOUT;
            }
            if (m.offender) ++offenderCount;
        }
        // Settled by settleAbort, a good DO is owed its fee for the epochs it completed.
        SettlementRules.settleFailure(job, id, members, offenderCount, true);
    }

    /// @notice Cancels a job: before dispatch with a full refund, after dispatch with the QC's fine.
    /// @param byGds the caller holds GDS_ROLE (the job's GDS may cancel before dispatch)
    /// @dev Requirements: the job is Ordered (caller the QC or the job's GDS, or anyone once the order
    /// expired) or Dispatched (caller the QC); the fine at this moment is at most `maxFine`.
    function cancelJob(bytes16 id, uint256 maxFine, bool byGds) public {
        Job storage job = JobRules.jobOf(id);
        uint8 state = job.state;
        bool byQc = msg.sender == job.qc;
        uint256 collateral = job.collateral;
        uint256 paid = job.paid;
        if (state == JobRules.STATE_ORDERED) {
            uint256 expiry = JobRules.expiresAt(job);
            bool byJobGds = byGds && msg.sender == job.gds;
            if (!byQc && !byJobGds && block.number < expiry) revert IJobMarket.JobMarketOrderNotExpired(id, expiry);
            SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
            for (uint256 i; i < members.length; ++i) {
                JobRules.release(id, members[i].account, collateral, 0, 0);
            }
            SettlementRules.finish(job, id, JobRules.STATE_CANCELLED, SettlementRules.newPayout(0), 0, paid);
        } else if (state == JobRules.STATE_DISPATCHED) {
            if (!byQc) revert IJobMarket.JobMarketUnauthorized(id, msg.sender);
            uint256 total = job.totalPrice;
            uint256 fine = FeeMath.cancellationFine(total, job.params.cancelFineBps);
            if (fine > maxFine) revert IJobMarket.JobMarketFineAboveLimit(id, fine, maxFine);
            SettlementRules.Member[] memory members = SettlementRules.membersOf(job);
            SettlementRules.Payout memory payout = SettlementRules.newPayout(members.length);
            for (uint256 i; i < members.length; ++i) {
                SettlementRules.Member memory m = members[i];
                // The fine is shared in proportion to the fees; the GDS takes its part and the dust.
                uint256 share = FeeMath.proportional(fine, m.fee, total);
                SettlementRules.addCredit(payout, m.account, share);
                JobRules.release(id, m.account, collateral, 0, share);
            }
            SettlementRules.finish(job, id, JobRules.STATE_CANCELLED, payout, fine - payout.total, paid - fine);
        } else {
            revert IJobMarket.JobMarketWrongState(id, state);
        }
    }
}

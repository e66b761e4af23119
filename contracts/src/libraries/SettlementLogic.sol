// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage, Job, Part} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {DoList} from "./DoList.sol";

/// @title SettlementLogic
/// @notice Every way a job ends (SPEC.md sections 4 and 6): completion, a reported failure, the
/// settlement of an abort, and cancellation. Settlement only credits internal balances (pull payments).
/// An external library delegatecalled by the JobMarket (which checks roles before calling).
/// @dev Every settlement conserves value: the credits it lists in RewardDistributed plus the Refund to
/// the QC equal what the QC paid plus the fines it took. Each participant's Part slot is read once and
/// its money slot read and written once.
library SettlementLogic {
    /// @dev One participant during a settlement.
    struct Member {
        address account;
        uint32 completedEpochs;
        uint8 reason;
        bool offender;
        uint256 fee;
        uint256 owed; // compensation owed (good DOs), before shrinking
    }

    /// @dev The fine pool of a failure settlement and its split.
    struct Pool {
        uint256 doCount;
        uint256 selfFine; // per self-reporting offender
        uint256 detectedFine; // per detected offender
        uint256 pool;
        uint256 totalOwed;
        uint256 doWeight;
        uint256 mpcWeight;
        uint256 mpcPart;
        uint256 doPart;
        uint256 qcPart;
    }

    /// @dev The credits of a settlement, in RewardDistributed order.
    struct Payout {
        address[] recipients;
        uint256[] amounts;
        uint256 count;
        uint256 total;
    }

    /// @notice Pays everyone of a job whose last participant just completed its part.
    function settleCompleted(bytes16 id) public {
        Job storage job = JobRules.jobOf(id);
        Member[] memory members = _members(job);
        uint256 collateral = job.collateral;
        Payout memory payout = _payout(members.length);
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
            _add(payout, m.account, m.fee);
            JobRules.release(id, m.account, collateral, 0, m.fee);
        }
        uint256 total = job.totalPrice;
        _finish(job, id, JobRules.STATE_COMPLETED, payout, total - payout.total, job.paid - total);
    }

    /// @notice Settles a job on a reported failure (SPEC.md section 6).
    /// @dev Requirements: the job is Dispatched; reason 1 (anyone) or 2 (the JobMarket checked GDS_ROLE);
    /// at least one offender, each a current participant, no duplicates; for reason 1 each is timed out.
    function reportFailure(bytes16 id, address[] calldata offenders, uint8 reason) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        if (reason != JobRules.REASON_HEARTBEAT_TIMEOUT && reason != JobRules.REASON_NON_COMPLIANT) {
            revert IJobMarket.JobMarketInvalidReason(reason);
        }
        if (offenders.length == 0) revert IJobMarket.JobMarketNoOffenders(id);
        mapping(address => Part) storage parts = $.parts[id];
        for (uint256 i; i < offenders.length; ++i) {
            address who = offenders[i];
            Part storage part = parts[who];
            if (part.role == 0) revert IJobMarket.JobMarketNotParticipant(id, who);
            for (uint256 j; j < i; ++j) {
                if (offenders[j] == who) revert IJobMarket.JobMarketDuplicateParticipant(id, who);
            }
            if (reason == JobRules.REASON_HEARTBEAT_TIMEOUT && !JobRules.timedOut(job, part, who, block.number)) {
                revert IJobMarket.JobMarketNotTimedOut(id, who);
            }
        }

        // Offenders: the named ones, plus everyone timed out now.
        Member[] memory members = _members(job);
        uint256 dispatchedAt = job.dispatchedAt;
        uint256 timeoutBlocks = job.params.timeoutBlocks;
        uint256 offenderCount;
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
            for (uint256 j; j < offenders.length; ++j) {
                if (offenders[j] == m.account) {
                    m.offender = true;
                    m.reason = reason;
                    break;
                }
            }
            if (
                !m.offender &&
                JobRules.timedOutWith(parts[m.account], m.account, block.number, dispatchedAt, timeoutBlocks)
            ) {
                m.offender = true;
                m.reason = JobRules.REASON_HEARTBEAT_TIMEOUT;
            }
            if (m.offender) ++offenderCount;
        }
        // Settled by reportFailure, a good DO is owed its full fee.
        _settleFailure(job, id, members, offenderCount, false);
    }

    /// @notice Records, at the abort block, which participants are timed out (SPEC.md section 6, rule 1:
    /// settleAbort fines those timed out at the abort block). Decided now because a node's heartbeat
    /// slot keeps only its latest block: one heartbeat after the abort would otherwise erase the evidence.
    /// @dev Called by the JobMarket in the Failed report that put job `id` into Aborting. The reporter's
    /// own lateness is in `abortReporterLate`; its liveness is frozen at this block, so it is skipped here.
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
            _markIfTimedOut(parts[account], account, dispatchedAt, timeoutBlocks);
        }
        address[] memory mpcs = job.mpcs;
        for (uint256 i; i < mpcs.length; ++i) {
            _markIfTimedOut(parts[mpcs[i]], mpcs[i], dispatchedAt, timeoutBlocks);
        }
    }

    /// @notice Settles an Aborting job (SPEC.md section 6, rule 5).
    /// @param byGds the caller holds GDS_ROLE (may settle at once)
    /// @dev Requirements: the job is Aborting; the caller is the GDS, or abortGraceBlocks have passed.
    function settleAbort(bytes16 id, bool byGds) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_ABORTING);
        uint256 abortedAt = job.abortedAt;
        uint256 graceOver = abortedAt + job.params.abortGraceBlocks;
        if (!byGds && block.number < graceOver) revert IJobMarket.JobMarketGraceNotOver(id, graceOver);

        // Offenders: the reporter, plus everyone already timed out at the abort block (participants
        // told to stop are not fined for stopping).
        address reporter = job.abortReporter;
        uint8 reporterReason =
            job.abortReporterLate ? JobRules.REASON_HEARTBEAT_TIMEOUT : JobRules.REASON_SELF_REPORTED;
        mapping(address => Part) storage parts = $.parts[id];
        Member[] memory members = _members(job);
        uint256 offenderCount;
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
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
        _settleFailure(job, id, members, offenderCount, true);
    }

    /// @notice Cancels a job: before dispatch with a full refund, after dispatch with the QC's fine.
    /// @param byGds the caller holds GDS_ROLE
    /// @dev Requirements: the job is Ordered (caller the QC or the GDS, or anyone once the order expired)
    /// or Dispatched (caller the QC).
    function cancelJob(bytes16 id, bool byGds) public {
        Job storage job = JobRules.jobOf(id);
        uint8 state = job.state;
        bool byQc = msg.sender == job.qc;
        uint256 collateral = job.collateral;
        uint256 paid = job.paid;
        if (state == JobRules.STATE_ORDERED) {
            uint256 expiry = JobRules.expiresAt(job);
            if (!byQc && !byGds && block.number < expiry) revert IJobMarket.JobMarketOrderNotExpired(id, expiry);
            Member[] memory members = _members(job);
            for (uint256 i; i < members.length; ++i) {
                JobRules.release(id, members[i].account, collateral, 0, 0);
            }
            _finish(job, id, JobRules.STATE_CANCELLED, _payout(0), 0, paid);
        } else if (state == JobRules.STATE_DISPATCHED) {
            if (!byQc) revert IJobMarket.JobMarketUnauthorized(id, msg.sender);
            uint256 total = job.totalPrice;
            uint256 fine = FeeMath.cancellationFine(total, job.params.cancelFineBps);
            Member[] memory members = _members(job);
            Payout memory payout = _payout(members.length);
            for (uint256 i; i < members.length; ++i) {
                Member memory m = members[i];
                // The fine is shared in proportion to the fees; the GDS takes its part and the dust.
                uint256 share = FeeMath.proportional(fine, m.fee, total);
                _add(payout, m.account, share);
                JobRules.release(id, m.account, collateral, 0, share);
            }
            _finish(job, id, JobRules.STATE_CANCELLED, payout, fine - payout.total, paid - fine);
        } else {
            revert IJobMarket.JobMarketWrongState(id, state);
        }
    }

    /// @dev Flags a participant that is timed out at this block (recordAbortTimeouts).
    function _markIfTimedOut(Part storage part, address who, uint256 dispatchedAt, uint256 timeoutBlocks) private {
        if (JobRules.timedOutWith(part, who, block.number, dispatchedAt, timeoutBlocks)) part.timedOutAtAbort = true;
    }

    /// @dev Fines the offenders, compensates the good DOs from the fine pool, splits the rest by shares,
    /// refunds the QC, releases everyone's collateral.
    function _settleFailure(
        Job storage job,
        bytes16 id,
        Member[] memory members,
        uint256 offenderCount,
        bool byEpochs
    ) private {
        uint256 collateral = job.collateral;
        Pool memory p = _pool(job, members, offenderCount, byEpochs);
        // Credit, fine and release everyone (one write of each money slot).
        Payout memory payout = _payout(members.length);
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
            if (m.offender) {
                uint256 fine = m.reason == JobRules.REASON_SELF_REPORTED ? p.selfFine : p.detectedFine;
                emit IJobMarket.Fined(id, m.account, fine, m.reason);
                JobRules.release(id, m.account, collateral, fine, 0);
            } else {
                uint256 credit =
                    i < p.doCount
                        ? FeeMath.scaledCompensation(m.owed, p.pool, p.totalOwed) +
                            FeeMath.proportional(p.doPart, m.fee, p.doWeight)
                        : FeeMath.proportional(p.mpcPart, m.fee, p.mpcWeight);
                _add(payout, m.account, credit);
                JobRules.release(id, m.account, collateral, 0, credit);
            }
        }
        // The GDS takes its share and every rounding dust; the QC gets back all it paid.
        _finish(job, id, JobRules.STATE_FAILED, payout, p.pool - p.qcPart - payout.total, job.paid + p.qcPart);
    }

    /// @dev The fine pool and how it is shared: fines of each kind, what the good DOs are owed (set in
    /// `members`), the fee weight of each good group and the remainder's parts (SPEC.md section 6, 1-4).
    function _pool(
        Job storage job,
        Member[] memory members,
        uint256 offenderCount,
        bool byEpochs
    ) private view returns (Pool memory p) {
        uint256 collateral = job.collateral;
        p.doCount = job.doCount;
        p.selfFine = FeeMath.fineOf(collateral, job.params.selfReportFineBps, offenderCount);
        p.detectedFine = FeeMath.fineOf(collateral, job.params.detectedFineBps, offenderCount);
        uint256 totalEpochs = job.totalEpochs;
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
            if (m.offender) {
                p.pool += m.reason == JobRules.REASON_SELF_REPORTED ? p.selfFine : p.detectedFine;
            } else if (i < p.doCount) {
                m.owed = byEpochs ? FeeMath.abortCompensation(m.fee, m.completedEpochs, uint32(totalEpochs)) : m.fee;
                p.totalOwed += m.owed;
                p.doWeight += m.fee;
            } else {
                p.mpcWeight += m.fee;
            }
        }
        // Compensation first (shrunk in proportion if the pool is short: then only dust remains); the
        // remainder by the job type's shares, an empty group's share going to the others.
        if (p.totalOwed <= p.pool) {
            (, p.mpcPart, p.doPart, p.qcPart) = FeeMath.splitRemainder(
                p.pool - p.totalOwed,
                [job.params.gdsShareBps, job.params.mpcShareBps, job.params.doShareBps],
                p.mpcWeight,
                p.doWeight
            );
        }
    }

    /// @dev The job's participants, DOs first (from the DO list) then the current MPCs, with their fees.
    function _members(Job storage job) private view returns (Member[] memory members) {
        uint256 doCount = job.doCount;
        address[] memory mpcs = job.mpcs;
        members = new Member[](doCount + mpcs.length);
        bytes32[] memory words = DoList.read(job.doList, doCount);
        uint32 factor = job.modelComplexityFactor;
        for (uint256 i; i < doCount; ++i) {
            (address account, uint256 price) = DoList.unpack(words[i]);
            members[i].account = account;
            members[i].fee = FeeMath.doFee(price, factor);
        }
        uint256 mpcFee = FeeMath.mpcFee(job.jobType, job.mpcPrice, doCount, factor);
        for (uint256 i; i < mpcs.length; ++i) {
            Member memory m = members[doCount + i];
            m.account = mpcs[i];
            m.fee = mpcFee;
        }
    }

    /// @dev A payout with room for `participants` credits plus the GDS.
    function _payout(uint256 participants) private pure returns (Payout memory payout) {
        payout.recipients = new address[](participants + 1);
        payout.amounts = new uint256[](participants + 1);
    }

    /// @dev Lists a non-zero credit.
    function _add(Payout memory payout, address to, uint256 amount) private pure {
        if (amount == 0) return;
        uint256 n = payout.count;
        payout.recipients[n] = to;
        payout.amounts[n] = amount;
        payout.count = n + 1;
        payout.total += amount;
    }

    /// @dev Credits the GDS and the QC, marks the job settled and emits the settlement's events.
    function _finish(
        Job storage job,
        bytes16 id,
        uint8 finalState,
        Payout memory payout,
        uint256 gdsCredit,
        uint256 qcRefund
    ) private {
        address gds = job.gds;
        address qc = job.qc;
        JobRules.credit(gds, gdsCredit);
        JobRules.credit(qc, qcRefund);
        job.paid = 0;
        job.state = finalState;
        job.settledAt = uint64(block.number);

        _add(payout, gds, gdsCredit);
        address[] memory recipients = payout.recipients;
        uint256[] memory amounts = payout.amounts;
        uint256 n = payout.count;
        assembly ("memory-safe") {
            // trim the lists to the credits actually made
            mstore(recipients, n)
            mstore(amounts, n)
        }
        if (n != 0) emit IJobMarket.RewardDistributed(id, recipients, amounts);
        address[] memory refundTo = new address[](1);
        uint256[] memory refunds = new uint256[](1);
        refundTo[0] = qc;
        refunds[0] = qcRefund;
        emit IJobMarket.Refund(id, refundTo, refunds);
        emit IJobMarket.JobSettled(id, finalState);
    }
}

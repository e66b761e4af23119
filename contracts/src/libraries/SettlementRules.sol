// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {Job} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {DoList} from "./DoList.sol";

/// @title SettlementRules
/// @notice What every settlement shares (docs/rules.md §6): the job's members with their fees, the failure
/// settlement (fines, compensation, the remainder split, refunds and releases) and the settlement's events.
/// Internal: inlined into SettlementLogic and JudgementLogic. Settlement only credits internal balances.
/// @dev Every settlement conserves value: the credits it lists in RewardDistributed plus the Refund to the QC
/// equal what the QC paid plus the fines it took plus any judgement bond it forfeits. Each participant's
/// Part slot is read once and its money slot read and written once.
library SettlementRules {
    /// @dev One participant during a settlement.
    struct Member {
        address account;
        uint32 completedEpochs;
        uint8 reason;
        bool offender;
        uint256 fee;
        uint256 owed; // compensation owed (good DOs), before shrinking
        bool overturned; // named in a judgement that was overturned for it, and not an offender
        uint256 bonus; // its share of a forfeited judgement bond (overturned participants only)
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

    /// @dev Fines the offenders (the `offenderCount` members marked `offender`), compensates the good DOs from
    /// the fine pool, splits the rest by shares, refunds the QC, releases everyone's collateral; a good
    /// member's `bonus` (its share of a forfeited bond) is credited with the rest.
    function settleFailure(
        Job storage job,
        bytes16 id,
        Member[] memory members,
        uint256 offenderCount,
        bool byEpochs
    ) internal {
        uint256 collateral = job.collateral;
        Pool memory p = _pool(job, members, offenderCount, byEpochs);
        // Credit, fine and release everyone (one write of each money slot).
        Payout memory payout = newPayout(members.length);
        uint256 bonuses; // forfeited bond credited with the rest: not the job's money
        for (uint256 i; i < members.length; ++i) {
            Member memory m = members[i];
            if (m.offender) {
                uint256 fine = m.reason == JobRules.REASON_SELF_REPORTED ? p.selfFine : p.detectedFine;
                emit IJobMarket.Fined(id, m.account, fine, m.reason);
                JobRules.release(id, m.account, collateral, fine, 0);
            } else {
                bonuses += m.bonus;
                uint256 credit =
                    m.bonus +
                        (
                            i < p.doCount
                                ? FeeMath.scaledCompensation(m.owed, p.pool, p.totalOwed) +
                                    FeeMath.proportional(p.doPart, m.fee, p.doWeight)
                                : FeeMath.proportional(p.mpcPart, m.fee, p.mpcWeight)
                        );
                addCredit(payout, m.account, credit);
                JobRules.release(id, m.account, collateral, 0, credit);
            }
        }
        // The GDS takes its share and every rounding dust; the QC gets back all it paid.
        uint256 gdsCredit = p.pool - p.qcPart - (payout.total - bonuses);
        finish(job, id, JobRules.STATE_FAILED, payout, gdsCredit, job.paid + p.qcPart);
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
    function membersOf(Job storage job) internal view returns (Member[] memory members) {
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
    function newPayout(uint256 participants) internal pure returns (Payout memory payout) {
        payout.recipients = new address[](participants + 1);
        payout.amounts = new uint256[](participants + 1);
    }

    /// @dev Lists a non-zero credit.
    function addCredit(Payout memory payout, address to, uint256 amount) internal pure {
        if (amount == 0) return;
        uint256 n = payout.count;
        payout.recipients[n] = to;
        payout.amounts[n] = amount;
        payout.count = n + 1;
        payout.total += amount;
    }

    /// @dev Credits the GDS and the QC, marks the job settled and emits the settlement's events.
    function finish(
        Job storage job,
        bytes16 id,
        uint8 finalState,
        Payout memory payout,
        uint256 gdsCredit,
        uint256 qcRefund
    ) internal {
        address gds = job.gds;
        address qc = job.qc;
        JobRules.credit(gds, gdsCredit);
        JobRules.credit(qc, qcRefund);
        job.paid = 0;
        job.state = finalState;
        job.settledAt = uint64(block.number);

        addCredit(payout, gds, gdsCredit);
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

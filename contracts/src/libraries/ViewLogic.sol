// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {
    JobStatus,
    JobView,
    JobParameters,
    ParticipantView,
    NodeView,
    NodeTerms,
    PriceBreakdown
} from "../types/JobTypes.sol";
import {JobMarketStorage, Job, Part, NodeAccount, JobParams, Judgement} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {TermsRules} from "./TermsRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {DoList} from "./DoList.sol";

/// @title ViewLogic
/// @notice The JobMarket's larger read-only views, in an external library to keep the market small.
library ViewLogic {
    /// @notice Everything about job `id` (reverts JobMarketUnknownJob for an unknown id).
    function getJob(bytes16 id) public view returns (JobView memory v) {
        Job storage job = JobRules.jobOf(id);
        v.id = id;
        v.state = job.state;
        v.jobType = job.jobType;
        v.qc = job.qc;
        v.gds = job.gds;
        v.modelComplexityFactor = job.modelComplexityFactor;
        v.mpcCount = job.mpcCount;
        v.totalEpochs = job.totalEpochs;
        v.replacements = job.replacements;
        v.mpcsAssigned = job.mpcsAssigned;
        v.consentNeeded = job.consentNeeded;
        v.quote = job.quote;
        v.mpcPrice = job.mpcPrice;
        v.totalPrice = job.totalPrice;
        v.collateral = job.collateral;
        v.paid = job.paid;
        v.orderedAt = job.orderedAt;
        v.dispatchedAt = job.dispatchedAt;
        v.abortedAt = job.abortedAt;
        v.settledAt = job.settledAt;
        v.abortReporter = job.abortReporter;
        v.abortReporterLate = job.abortReporterLate;
        Judgement memory judgement = JobRules.store().judgements[id];
        if (judgement.judgedAt != 0) {
            v.judgedAt = judgement.judgedAt;
            v.challengeDeadline = judgement.judgedAt + judgement.challengeWindowBlocks;
            v.arbitrationDeadline = v.challengeDeadline + judgement.arbitrationBlocks;
            v.bond = judgement.bond;
            v.named = _named(id, job, judgement.namedCount);
            v.challenger = judgement.challenger;
        }
        JobParams memory p = job.params;
        v.params = JobParameters({
            timeoutBlocks: p.timeoutBlocks,
            orderExpiryBlocks: p.orderExpiryBlocks,
            abortGraceBlocks: p.abortGraceBlocks,
            gdsFeeBps: p.gdsFeeBps,
            selfReportFineBps: p.selfReportFineBps,
            detectedFineBps: p.detectedFineBps,
            cancelFineBps: p.cancelFineBps,
            maxMpcReplacements: p.maxMpcReplacements,
            shares: [p.gdsShareBps, p.mpcShareBps, p.doShareBps],
            challengeWindowBlocks: judgement.challengeWindowBlocks,
            arbitrationBlocks: judgement.arbitrationBlocks,
            judgementBondBps: judgement.judgementBondBps
        });
    }

    /// @notice The job's DOs, their prices (before the factor) and its current MPCs.
    function getParticipants(
        bytes16 id
    ) public view returns (address[] memory dos, uint256[] memory doPrices, address[] memory mpcs) {
        Job storage job = JobRules.jobOf(id);
        uint256 count = job.doCount;
        bytes32[] memory words = DoList.read(job.doList, count);
        dos = new address[](count);
        doPrices = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            (dos[i], doPrices[i]) = DoList.unpack(words[i]);
        }
        mpcs = job.mpcs;
    }

    /// @notice Progress and liveness of every participant: DOs first, then the current MPCs.
    function getProgress(bytes16 id) public view returns (ParticipantView[] memory views) {
        (address[] memory dos, uint256[] memory doPrices, address[] memory mpcs) = getParticipants(id);
        Job storage job = JobRules.jobOf(id);
        views = new ParticipantView[](dos.length + mpcs.length);
        uint32 factor = job.modelComplexityFactor;
        for (uint256 i; i < dos.length; ++i) {
            views[i] = _participant(id, job, dos[i], FeeMath.doFee(doPrices[i], factor));
        }
        uint256 mpcFee = FeeMath.mpcFee(job.jobType, job.mpcPrice, dos.length, factor);
        for (uint256 i; i < mpcs.length; ++i) {
            views[dos.length + i] = _participant(id, job, mpcs[i], mpcFee);
        }
    }

    /// @notice The price of a job with these terms (docs/rules.md §3).
    function priceOf(
        uint8 jobType,
        uint256[] calldata doPrices,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint256 mpcPrice,
        uint16 gdsFeeBps
    ) public pure returns (PriceBreakdown memory) {
        return FeeMath.priceOf(jobType, doPrices, modelComplexityFactor, mpcCount, mpcPrice, gdsFeeBps);
    }

    /// @notice What cancelJob would fine the QC now: cancelFineBps of the total once dispatched, else 0.
    function cancellationFineOf(bytes16 id) public view returns (uint256) {
        Job storage job = JobRules.jobOf(id);
        if (job.state != JobRules.STATE_DISPATCHED) return 0;
        return FeeMath.cancellationFine(job.totalPrice, job.params.cancelFineBps);
    }

    /// @notice An account's registration, money and liveness.
    function getNode(address account) public view returns (NodeView memory v) {
        JobMarketStorage.Layout storage $ = JobRules.store();
        NodeAccount memory a = $.accounts[account];
        v.account = account;
        v.role = a.role;
        v.balance = a.balance;
        v.locked = a.locked;
        v.lastHeartbeat = a.lastHeartbeat;
        v.activeJobs = a.activeJobs;
        (v.terms, v.termsSet) = TermsRules.read(account);
    }

    /// @notice The terms `node`'s orders are checked against (docs/rules.md §11.1).
    function termsOf(address node) public view returns (NodeTerms memory terms) {
        (terms, ) = TermsRules.read(node);
    }

    /// @notice Whether `who` is a timed-out participant of job `id`: now for a Dispatched job, at the
    /// abort block for an Aborting one (what settleAbort uses), at the judgement block for a Judged or
    /// Challenged one, never in any other state.
    function isTimedOut(bytes16 id, address who) public view returns (bool) {
        Job storage job = JobRules.store().jobs[id];
        Part storage part = JobRules.store().parts[id][who];
        if (part.role == 0) return false;
        return _timedOut(job, part, who);
    }

    function _participant(
        bytes16 id,
        Job storage job,
        address account,
        uint256 fee
    ) private view returns (ParticipantView memory v) {
        Part storage part = JobRules.store().parts[id][account];
        v.account = account;
        v.role = part.role;
        v.fee = fee;
        v.lastStatus = JobStatus(part.taskType, part.epoch, part.batch, part.status);
        v.reported = part.reported;
        v.completedEpochs = part.completedEpochs;
        v.lastSeen = uint64(JobRules.lastSeenOf(job, part, account));
        v.partComplete = part.partComplete;
        v.failed = part.failed;
        v.replacementRequested = part.replacementRequested;
        v.named = part.named;
        v.timedOut = _timedOut(job, part, account);
    }

    /// @dev Timed out as the job's settlement will see it (isTimedOut).
    function _timedOut(Job storage job, Part storage part, address who) private view returns (bool) {
        uint8 state = job.state;
        if (state == JobRules.STATE_DISPATCHED) return JobRules.timedOut(job, part, who, block.number);
        if (state == JobRules.STATE_ABORTING) return part.timedOutAtAbort;
        if (state == JobRules.STATE_JUDGED || state == JobRules.STATE_CHALLENGED) return part.timedOutAtJudgement;
        return false;
    }

    /// @dev The participants a judgement named, DOs first, in the job's order.
    function _named(bytes16 id, Job storage job, uint256 count) private view returns (address[] memory named) {
        named = new address[](count);
        mapping(address => Part) storage parts = JobRules.store().parts[id];
        uint256 doCount = job.doCount;
        bytes32[] memory words = DoList.read(job.doList, doCount);
        uint256 n;
        for (uint256 i; i < doCount && n < count; ++i) {
            (address account, ) = DoList.unpack(words[i]);
            if (parts[account].named) named[n++] = account;
        }
        address[] memory mpcs = job.mpcs;
        for (uint256 i; i < mpcs.length && n < count; ++i) {
            if (parts[mpcs[i]].named) named[n++] = mpcs[i];
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {JobStatus, JobView, JobParameters, ParticipantView, NodeView} from "../types/JobTypes.sol";
import {JobMarketStorage, Job, Part, NodeAccount, JobParams} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
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
            shares: [p.gdsShareBps, p.mpcShareBps, p.doShareBps]
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
    }

    /// @notice Whether `who` is a timed-out participant of job `id`: now for a Dispatched job, at the
    /// abort block for an Aborting one (what settleAbort uses), never in any other state.
    function isTimedOut(bytes16 id, address who) public view returns (bool) {
        Job storage job = JobRules.store().jobs[id];
        uint8 state = job.state;
        Part storage part = JobRules.store().parts[id][who];
        if (part.role == 0) return false;
        if (state == JobRules.STATE_DISPATCHED) return JobRules.timedOut(job, part, who, block.number);
        if (state == JobRules.STATE_ABORTING) return part.timedOutAtAbort;
        return false;
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
        uint8 state = job.state;
        if (state == JobRules.STATE_DISPATCHED) {
            v.timedOut = JobRules.timedOut(job, part, account, block.number);
        } else if (state == JobRules.STATE_ABORTING) {
            v.timedOut = part.timedOutAtAbort;
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage, Job, Part} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {TermsRules} from "./TermsRules.sol";

/// @title ProgressLogic
/// @notice MPC replacement requests and replacements in dispatched jobs (SPEC.md section 6, rule 7).
/// An external library delegatecalled by the JobMarket (which checks roles before calling). Status
/// updates themselves are in StatusRules, inlined into the market to keep them cheap.
library ProgressLogic {
    /// @notice A DO of the job asks the GDS to replace one of its MPCs. The request lapses when that MPC's
    /// next status update is accepted (docs/rules.md §11.3).
    /// @dev Requirements: the job is Dispatched; the caller is a DO of the job; `mpc` is a current MPC that
    /// has not completed its part.
    function requestMpcReplacement(bytes16 id, address mpc) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        uint8 callerRole = $.parts[id][msg.sender].role;
        if (callerRole == 0) revert IJobMarket.JobMarketNotParticipant(id, msg.sender);
        if (callerRole != JobRules.ROLE_DO) {
            revert IJobMarket.JobMarketWrongRole(msg.sender, callerRole, JobRules.ROLE_DO);
        }
        Part storage target = $.parts[id][mpc];
        if (target.role != JobRules.ROLE_MPC) revert IJobMarket.JobMarketNotParticipant(id, mpc);
        if (target.partComplete) revert IJobMarket.JobMarketParticipantFinished(id, mpc);
        target.replacementRequested = true;
        emit IJobMarket.MpcReplacementRequested(id, msg.sender, mpc);
    }

    /// @notice The job's GDS replaces a current MPC (the JobMarket checked GDS_ROLE).
    /// @dev Requirements: the caller placed the job; the job is Dispatched; `oldMpc` is a current MPC that has
    /// not completed its part, with a pending replacement request, a Failed report or a verified timeout;
    /// fewer than maxMpcReplacements so far; `newMpc` is a registered MPC, not in the job and not the GDS,
    /// orderable (C free, minStake, its terms accepting the job's MPC fee).
    function replaceMpc(bytes16 id, address oldMpc, address newMpc) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireJobGds(job, id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        mapping(address => Part) storage parts = $.parts[id];
        Part storage old = parts[oldMpc];
        if (old.role != JobRules.ROLE_MPC) revert IJobMarket.JobMarketNotParticipant(id, oldMpc);
        if (old.partComplete) revert IJobMarket.JobMarketParticipantFinished(id, oldMpc);
        if (!old.replacementRequested && !old.failed && !JobRules.timedOut(job, old, oldMpc, block.number)) {
            revert IJobMarket.JobMarketReplacementNotAllowed(id, oldMpc);
        }
        uint8 replacements = job.replacements;
        uint8 maxReplacements = job.params.maxMpcReplacements;
        if (replacements >= maxReplacements) revert IJobMarket.JobMarketReplacementLimit(id, maxReplacements);
        if (parts[newMpc].role != 0) revert IJobMarket.JobMarketDuplicateParticipant(id, newMpc);
        if (newMpc == msg.sender) revert IJobMarket.JobMarketConflictOfInterest(id, newMpc);

        uint256 collateral = job.collateral;
        // The replaced MPC gets no reward; its collateral is unlocked.
        JobRules.release(id, oldMpc, collateral, 0, 0);
        delete parts[oldMpc];
        uint256 fee = FeeMath.mpcFee(job.jobType, job.mpcPrice, job.doCount, job.modelComplexityFactor);
        uint256 gdsIndex = TermsRules.indexOf(msg.sender);
        JobRules.lock(id, newMpc, JobRules.ROLE_MPC, collateral, fee, gdsIndex, $.params.minStake);
        // A replacement starts its own progress afresh; its liveness counts from joining.
        parts[newMpc] = Part({
            role: JobRules.ROLE_MPC,
            taskType: 0,
            epoch: 0,
            batch: 0,
            status: 0,
            reported: false,
            partComplete: false,
            failed: false,
            replacementRequested: false,
            psiDone: false,
            completedEpochs: 0,
            lastSeen: uint64(block.number),
            timedOutAtAbort: false,
            named: false,
            timedOutAtJudgement: false
        });
        address[] storage mpcs = job.mpcs;
        for (uint256 i; i < mpcs.length; ++i) {
            if (mpcs[i] == oldMpc) {
                mpcs[i] = newMpc;
                break;
            }
        }
        ++replacements;
        job.replacements = replacements;
        emit IJobMarket.MpcReplaced(id, oldMpc, newMpc, replacements);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobStatus} from "../types/JobTypes.sol";
import {JobMarketStorage, Job, Part} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {SettlementLogic} from "./SettlementLogic.sol";

/// @title StatusRules
/// @notice Validation and recording of status updates (SPEC.md sections 4 and 6, rule 5). Internal:
/// inlined into the JobMarket, because a status update is the most frequent transaction and a library
/// call would add a cold account access to each.
library StatusRules {
    /// @notice Validates and records a participant's status update.
    /// @return complete the update completed the job: the caller must settle it as Completed
    /// @dev Requirements: the job is Dispatched; the caller is a current participant that has neither
    /// reported Failed nor completed its part; the update is valid for the job type and the caller's
    /// role, within the epochs, and not behind the caller's previous update.
    function updateJobStatus(bytes16 id, JobStatus calldata status) internal returns (bool complete) {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_DISPATCHED);
        mapping(address => Part) storage parts = $.parts[id];
        Part storage stored = parts[msg.sender];
        Part memory part = stored;
        if (part.role == 0) revert IJobMarket.JobMarketNotParticipant(id, msg.sender);
        if (part.failed || part.partComplete) revert IJobMarket.JobMarketParticipantFinished(id, msg.sender);
        if (status.status > JobRules.STATUS_FAILED) revert IJobMarket.JobMarketInvalidStatus(status.status);
        uint8 jobType = job.jobType;
        _checkTaskType(id, jobType, part, status.taskType);
        _checkRange(id, job.totalEpochs, status);

        if (status.status == JobRules.STATUS_FAILED) {
            _fail(job, id, stored, part.role, jobType, status);
        } else {
            if (part.reported && part.taskType == status.taskType && _behind(status, part)) {
                revert IJobMarket.JobMarketProgressRegressed(
                    id,
                    msg.sender,
                    status.taskType,
                    status.epoch,
                    status.batch
                );
            }
            complete = _record(job, part, jobType, status);
            parts[msg.sender] = part; // one SSTORE of the packed slot
        }
        emit IJobMarket.JobStatusUpdated(id, msg.sender, status);
    }

    /// @dev Horizontal: DOs train, MPCs aggregate. Vertical: everyone does PSI, then Training once its
    /// PSI stage is over.
    function _checkTaskType(bytes16 id, uint8 jobType, Part memory part, uint8 taskType) private view {
        bool ok;
        if (jobType == JobRules.HORIZONTAL) {
            ok = taskType == (part.role == JobRules.ROLE_DO ? JobRules.TASK_TRAINING : JobRules.TASK_AGGREGATION);
        } else if (taskType == JobRules.TASK_PSI) {
            if (part.psiDone) {
                revert IJobMarket.JobMarketProgressRegressed(id, msg.sender, taskType, 0, 0);
            }
            ok = true;
        } else if (taskType == JobRules.TASK_TRAINING) {
            if (!part.psiDone) revert IJobMarket.JobMarketPsiNotComplete(id, msg.sender);
            ok = true;
        }
        if (!ok) revert IJobMarket.JobMarketInvalidTaskType(id, msg.sender, taskType);
    }

    /// @dev epoch < totalEpochs or ALL (PSI levels unbounded); epoch ALL requires batch ALL.
    function _checkRange(bytes16 id, uint32 totalEpochs, JobStatus calldata status) private pure {
        uint32 epoch = status.epoch;
        if (epoch == JobRules.ALL) {
            if (status.batch != JobRules.ALL) revert IJobMarket.JobMarketInvalidBatch(epoch, status.batch);
        } else if (status.taskType != JobRules.TASK_PSI && epoch >= totalEpochs) {
            revert IJobMarket.JobMarketEpochOutOfRange(id, epoch, totalEpochs);
        }
    }

    /// @dev Whether (epoch, batch) of the update is behind the last one (ALL is the largest value).
    function _behind(JobStatus calldata status, Part memory part) private pure returns (bool) {
        if (status.epoch != part.epoch) return status.epoch < part.epoch;
        return status.batch < part.batch;
    }

    /// @dev A Failed report: in a Horizontal job an MPC's report is a replacement request; anyone else's
    /// puts the job into Aborting. The reporter's liveness freezes at this block either way.
    function _fail(
        Job storage job,
        bytes16 id,
        Part storage stored,
        uint8 role,
        uint8 jobType,
        JobStatus calldata status
    ) private {
        bool late = JobRules.timedOut(job, stored, msg.sender, block.number);
        // A report made after the reporter's timeout held does not refresh its liveness: it stays timed
        // out, frozen at when it was last seen (docs/rules.md §11.4).
        uint256 seen = late ? JobRules.lastSeenOf(job, stored, msg.sender) : block.number;
        stored.taskType = status.taskType;
        stored.epoch = status.epoch;
        stored.batch = status.batch;
        stored.failed = true;
        stored.reported = true;
        stored.status = JobRules.STATUS_FAILED;
        stored.lastSeen = uint64(seen);
        if (jobType == JobRules.HORIZONTAL && role == JobRules.ROLE_MPC) {
            stored.replacementRequested = true;
            emit IJobMarket.MpcReplacementRequested(id, msg.sender, msg.sender);
            return;
        }
        job.state = JobRules.STATE_ABORTING;
        job.abortedAt = uint64(block.number);
        job.abortReporter = msg.sender;
        job.abortReporterLate = late;
        SettlementLogic.recordAbortTimeouts(id);
        emit IJobMarket.JobAborting(id, msg.sender);
    }

    /// @dev Records a non-failure update; returns whether it completed the job.
    function _record(
        Job storage job,
        Part memory part,
        uint8 jobType,
        JobStatus calldata status
    ) private returns (bool complete) {
        part.taskType = status.taskType;
        part.epoch = status.epoch;
        part.batch = status.batch;
        part.status = status.status;
        part.reported = true;
        part.lastSeen = uint64(block.number);
        // A pending replacement request lapses with the MPC's next accepted update (docs/rules.md §11.3).
        part.replacementRequested = false;
        bool wholeDone = status.epoch == JobRules.ALL && status.status == JobRules.STATUS_COMPLETED;
        if (status.taskType == JobRules.TASK_TRAINING && status.batch == JobRules.ALL) {
            if (status.status == JobRules.STATUS_COMPLETED) {
                uint32 completed = wholeDone ? job.totalEpochs : status.epoch + 1;
                if (completed > part.completedEpochs) part.completedEpochs = completed;
            }
        }
        if (wholeDone) {
            if (status.taskType == JobRules.TASK_PSI) {
                part.psiDone = true;
            } else if (
                status.taskType ==
                (
                    part.role == JobRules.ROLE_MPC && jobType == JobRules.HORIZONTAL
                        ? JobRules.TASK_AGGREGATION
                        : JobRules.TASK_TRAINING
                )
            ) {
                part.partComplete = true;
                // Horizontal completes on its DOs, Vertical on its current MPCs.
                bool counted =
                    jobType == JobRules.HORIZONTAL ? part.role == JobRules.ROLE_DO : part.role == JobRules.ROLE_MPC;
                if (counted) {
                    uint16 done = job.completedCount + 1;
                    job.completedCount = done;
                    complete = done == (jobType == JobRules.HORIZONTAL ? job.doCount : job.mpcCount);
                }
            }
        }
    }
}

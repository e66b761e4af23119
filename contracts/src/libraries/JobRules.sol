// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage, Job, Part, NodeAccount} from "../storage/JobMarketStorage.sol";
import {StorageAccess} from "../storage/StorageAccess.sol";
import {TermsRules} from "./TermsRules.sol";
import {JobState, NodeRole, JobType, TaskType, Status, FailureReason} from "../types/JobEnums.sol";

/// @title JobRules
/// @notice Constants and small shared rules (liveness, collateral locking, crediting) used by the
/// JobMarket and its logic libraries. Internal only: it is inlined where used.
library JobRules {
    uint8 internal constant ROLE_DO = uint8(NodeRole.DO);
    uint8 internal constant ROLE_MPC = uint8(NodeRole.MPC);

    uint8 internal constant HORIZONTAL = uint8(JobType.Horizontal);
    uint8 internal constant VERTICAL = uint8(JobType.Vertical);

    uint8 internal constant STATE_NONE = uint8(JobState.None);
    uint8 internal constant STATE_ORDERED = uint8(JobState.Ordered);
    uint8 internal constant STATE_DISPATCHED = uint8(JobState.Dispatched);
    uint8 internal constant STATE_ABORTING = uint8(JobState.Aborting);
    uint8 internal constant STATE_COMPLETED = uint8(JobState.Completed);
    uint8 internal constant STATE_FAILED = uint8(JobState.Failed);
    uint8 internal constant STATE_CANCELLED = uint8(JobState.Cancelled);
    uint8 internal constant STATE_JUDGED = uint8(JobState.Judged);
    uint8 internal constant STATE_CHALLENGED = uint8(JobState.Challenged);

    uint8 internal constant TASK_TRAINING = uint8(TaskType.Training);
    uint8 internal constant TASK_PSI = uint8(TaskType.PSI);
    uint8 internal constant TASK_AGGREGATION = uint8(TaskType.Aggregation);

    uint8 internal constant STATUS_STARTED = uint8(Status.Started);
    uint8 internal constant STATUS_IN_PROGRESS = uint8(Status.InProgress);
    uint8 internal constant STATUS_COMPLETED = uint8(Status.Completed);
    uint8 internal constant STATUS_FAILED = uint8(Status.Failed);

    uint8 internal constant REASON_SELF_REPORTED = uint8(FailureReason.SelfReported);
    uint8 internal constant REASON_HEARTBEAT_TIMEOUT = uint8(FailureReason.HeartbeatTimeout);
    uint8 internal constant REASON_NON_COMPLIANT = uint8(FailureReason.NonCompliantResult);

    uint32 internal constant ALL = type(uint32).max;

    /// @dev The job `id`, reverting if it does not exist.
    function jobOf(bytes16 id) internal view returns (Job storage job) {
        job = StorageAccess.layout().jobs[id];
        if (job.state == STATE_NONE) revert IJobMarket.JobMarketUnknownJob(id);
    }

    /// @dev Reverts unless the job is in `state`.
    function requireState(Job storage job, bytes16 id, uint8 state) internal view {
        uint8 current = job.state;
        if (current != state) revert IJobMarket.JobMarketWrongState(id, current);
    }

    /// @dev The block an Ordered job expires at.
    function expiresAt(Job storage job) internal view returns (uint256) {
        return uint256(job.orderedAt) + job.params.orderExpiryBlocks;
    }

    /// @dev lastSeen of a participant (SPEC.md section 5): max(heartbeat, last update in the job, dispatch);
    /// frozen at its Failed report once it reported Failed.
    function lastSeenOf(Job storage job, Part storage part, address who) internal view returns (uint256 lastSeen) {
        lastSeen = part.lastSeen;
        if (part.failed) return lastSeen;
        uint256 heartbeat = StorageAccess.layout().accounts[who].lastHeartbeat;
        if (heartbeat > lastSeen) lastSeen = heartbeat;
        uint256 dispatchedAt = job.dispatchedAt;
        if (dispatchedAt > lastSeen) lastSeen = dispatchedAt;
    }

    /// @dev Whether a participant is timed out at block `atBlock` (block > lastSeen + timeoutBlocks).
    /// One that completed its part never is.
    function timedOut(Job storage job, Part storage part, address who, uint256 atBlock) internal view returns (bool) {
        return timedOutWith(part, who, atBlock, job.dispatchedAt, job.params.timeoutBlocks);
    }

    /// @dev timedOut with the job's dispatch block and timeout already read (settlement loops). Reads the
    /// cheap sources first: a recent update or the dispatch settles it without the heartbeat slot.
    function timedOutWith(
        Part storage part,
        address who,
        uint256 atBlock,
        uint256 dispatchedAt,
        uint256 timeoutBlocks
    ) internal view returns (bool) {
        if (part.partComplete) return false;
        uint256 seen = part.lastSeen;
        bool failed = part.failed;
        if (!failed && dispatchedAt > seen) seen = dispatchedAt;
        if (atBlock <= seen + timeoutBlocks) return false;
        if (failed) return true;
        return atBlock > uint256(StorageAccess.layout().accounts[who].lastHeartbeat) + timeoutBlocks;
    }

    /// @dev Moves `amount` (the job's C) from a node's free stake to its locked collateral for job `id`,
    /// after checking that the node may be ordered: its role, its free stake, its total stake against
    /// `minStake`, and its terms for a job of the GDS with terms index `gdsIndex` (TermsRules.indexOf)
    /// paying it `fee` (docs/rules.md §11.1, §11.6, §11.9).
    function lock(
        bytes16 id,
        address node,
        uint8 requiredRole,
        uint256 amount,
        uint256 fee,
        uint256 gdsIndex,
        uint256 minStake
    ) internal {
        NodeAccount storage account = StorageAccess.layout().accounts[node];
        NodeAccount memory a = account;
        if (a.role != requiredRole) revert IJobMarket.JobMarketWrongRole(node, a.role, requiredRole);
        if (a.balance < amount) revert IJobMarket.JobMarketInsufficientFreeStake(node, a.balance, amount);
        uint256 locked = uint256(a.locked) + amount;
        if (uint256(a.balance) + a.locked < minStake) {
            revert IJobMarket.JobMarketBelowMinStake(node, uint256(a.balance) + a.locked, minStake);
        }
        TermsRules.check(node, fee, amount, gdsIndex);
        if (locked > type(uint88).max) revert IJobMarket.JobMarketAmountTooLarge(locked, type(uint88).max);
        if (a.activeJobs == type(uint16).max) revert IJobMarket.JobMarketTooManyJobs(node, a.activeJobs);
        account.balance = uint104(a.balance - amount);
        account.locked = uint88(locked);
        account.activeJobs = a.activeJobs + 1;
        emit IJobMarket.CollateralLocked(id, node, amount);
    }

    /// @dev Ends a node's part in job `id`: its collateral `collateral` leaves the lock, `collateral - fine`
    /// goes back to its free stake plus `reward`. One SLOAD and one SSTORE of its packed money slot
    /// (NodeAccount: balance bits 0-103, locked 104-191, lastHeartbeat 192-231, activeJobs 232-247,
    /// role 248-255). locked >= collateral and activeJobs >= 1 hold for a participant.
    function release(bytes16 id, address node, uint256 collateral, uint256 fine, uint256 reward) internal {
        NodeAccount storage account = StorageAccess.layout().accounts[node];
        uint256 word;
        assembly ("memory-safe") {
            word := sload(account.slot)
        }
        uint256 balance = (word & type(uint104).max) + (collateral - fine) + reward;
        if (balance > type(uint104).max) revert IJobMarket.JobMarketAmountTooLarge(balance, type(uint104).max);
        uint256 locked = ((word >> 104) & type(uint88).max) - collateral;
        uint256 activeJobs = ((word >> 232) & type(uint16).max) - 1;
        // keep role and lastHeartbeat, replace the rest
        word =
            (word & ((uint256(type(uint8).max) << 248) | (uint256(type(uint40).max) << 192))) |
            (activeJobs << 232) |
            (locked << 104) |
            balance;
        assembly ("memory-safe") {
            sstore(account.slot, word)
        }
        if (collateral > fine) emit IJobMarket.CollateralReleased(id, node, collateral - fine);
    }

    /// @dev Adds `amount` to an account's credited balance (the GDS's fee, the QC's refund).
    function credit(address to, uint256 amount) internal {
        if (amount == 0) return;
        NodeAccount storage account = StorageAccess.layout().accounts[to];
        uint256 balance = account.balance + amount;
        if (balance > type(uint104).max) revert IJobMarket.JobMarketAmountTooLarge(balance, type(uint104).max);
        account.balance = uint104(balance);
    }

    /// @dev Reverts unless `msg.sender` is the GDS that placed the job (docs/rules.md §11.8).
    function requireJobGds(Job storage job, bytes16 id) internal view {
        if (msg.sender != job.gds) revert IJobMarket.JobMarketUnauthorized(id, msg.sender);
    }

    /// @dev Storage of the market (shortcut).
    function store() internal pure returns (JobMarketStorage.Layout storage) {
        return StorageAccess.layout();
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// The numbers of docs/rules.md §8, named once. The ABI carries them as uint8 (the names below are the
// enums' members in order: member i is the number i); src/protocol/enums.ts is checked against this file.

/// @notice A job's lifecycle state.
enum JobState {
    None,
    Ordered,
    Dispatched,
    Aborting,
    Completed,
    Failed,
    Cancelled,
    Judged,
    Challenged
}

/// @notice What a registered account is.
enum NodeRole {
    None,
    DO,
    MPC
}

/// @notice How a job splits its data: across DOs (Horizontal) or across features (Vertical).
enum JobType {
    Horizontal,
    Vertical
}

/// @notice The task a status update reports on.
enum TaskType {
    Training,
    PSI,
    Aggregation
}

/// @notice The status a status update reports.
enum Status {
    Started,
    InProgress,
    Completed,
    Failed
}

/// @notice Why an offender was fined.
enum FailureReason {
    SelfReported,
    HeartbeatTimeout,
    NonCompliantResult
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice A participant's progress report (SPEC.md section 2). ABI names are fixed: the dApp,
/// the scripts and the tests build this tuple by field name.
/// taskType: 0 Training, 1 PSI, 2 Aggregation. status: 0 Started, 1 InProgress, 2 Completed, 3 Failed.
/// epoch / batch: 0..n, or ALL = 0xffffffff (whole training / whole epoch).
struct JobStatus {
    uint8 taskType;
    uint32 epoch;
    uint32 batch;
    uint8 status;
}

/// @notice Admin parameters (SPEC.md section 7). Shares are in bps of the fine pool remainder,
/// in the order GDS, MPCs, DOs, and each triple sums to 10000.
struct Parameters {
    uint32 timeoutBlocks;
    uint32 orderExpiryBlocks;
    uint32 abortGraceBlocks;
    uint16 gdsFeeBps;
    uint16 selfReportFineBps;
    uint16 detectedFineBps;
    uint16 cancelFineBps;
    uint8 maxMpcReplacements;
    uint16 maxDosPerJob;
    uint8 maxMpcsPerJob;
    uint128 minStake;
    uint16[3] horizontalShares;
    uint16[3] verticalShares;
}

/// @notice The price of a job as the contract computes it (SPEC.md section 3).
struct PriceBreakdown {
    uint256 doFees; // sum of p_i * F
    uint256 mpcFee; // fee of each MPC: m (Horizontal) or m * N * F (Vertical)
    uint256 mpcFees; // mpcFee * mpcCount
    uint256 gdsFee; // gdsFeeBps of (doFees + mpcFees)
    uint256 total; // doFees + mpcFees + gdsFee
    uint256 collateral; // C = doFees, locked by every DO and MPC
}

/// @notice The parameters a job snapshotted when it was ordered.
struct JobParameters {
    uint32 timeoutBlocks;
    uint32 orderExpiryBlocks;
    uint32 abortGraceBlocks;
    uint16 gdsFeeBps;
    uint16 selfReportFineBps;
    uint16 detectedFineBps;
    uint16 cancelFineBps;
    uint8 maxMpcReplacements;
    uint16[3] shares; // GDS, MPCs, DOs for this job's type
}

/// @notice Everything the dApp shows about one job, read in one call.
/// state: 0 None, 1 Ordered, 2 Dispatched, 3 Aborting, 4 Completed, 5 Failed, 6 Cancelled.
/// jobType: 0 Horizontal, 1 Vertical.
struct JobView {
    bytes16 id;
    uint8 state;
    uint8 jobType;
    address qc;
    address gds;
    uint32 modelComplexityFactor;
    uint8 mpcCount;
    uint32 totalEpochs;
    uint8 replacements;
    bool mpcsAssigned;
    bool consentNeeded; // the assigned total exceeds the quote and the QC has not submitted since
    uint256 quote;
    uint256 mpcPrice;
    uint256 totalPrice; // 0 until MPCs are assigned
    uint256 collateral;
    uint256 paid; // what the QC has paid into this job and not yet got back
    uint64 orderedAt;
    uint64 dispatchedAt;
    uint64 abortedAt;
    uint64 settledAt;
    address abortReporter;
    JobParameters params;
}

/// @notice One participant of a job with its progress and liveness, as getProgress returns it.
/// role: 1 DO, 2 MPC.
struct ParticipantView {
    address account;
    uint8 role;
    uint256 fee;
    JobStatus lastStatus;
    bool reported; // has sent at least one status update in this job
    uint32 completedEpochs;
    uint64 lastSeen;
    bool partComplete;
    bool failed;
    bool timedOut;
    bool replacementRequested; // MPCs only
}

/// @notice A registered node (or any account's money) as the dApp shows it.
struct NodeView {
    address account;
    uint8 role; // 0 not registered, 1 DO, 2 MPC
    uint256 balance; // free stake / credited balance: what withdraw can take
    uint256 locked; // collateral locked in jobs
    uint64 lastHeartbeat;
    uint32 activeJobs;
}

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

/// @notice The release-2 parameters (docs/rules.md §7, §11): a struct of their own so that the storage of
/// release 1's Parameters keeps its slots. Snapshotted per job at placeOrder.
struct TrustParameters {
    uint32 challengeWindowBlocks; // a judgement can be challenged before judgedAt + this
    uint32 arbitrationBlocks; // the arbiter rules before judgedAt + challengeWindowBlocks + this
    uint16 judgementBondBps; // the bond of a non-compliance report, in bps of the fines it asks (>= 100)
}

/// @notice A node's standing terms (docs/rules.md §11.1): which orders it accepts. `gds` zero means any GDS;
/// a job's C above `maxCollateral` or the node's fee below `minFee` is refused (JobMarketTermsRejected).
struct NodeTerms {
    bool accepting;
    address gds;
    uint256 minFee;
    uint256 maxCollateral;
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
    uint32 challengeWindowBlocks;
    uint32 arbitrationBlocks;
    uint16 judgementBondBps;
}

/// @notice Everything the dApp shows about one job, read in one call.
/// state: 0 None, 1 Ordered, 2 Dispatched, 3 Aborting, 4 Completed, 5 Failed, 6 Cancelled, 7 Judged, 8 Challenged.
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
    bool abortReporterLate; // the abort reporter was already timed out when it reported Failed
    // A NonCompliantResult judgement (docs/rules.md §11.7); all zero / empty until the GDS judges.
    uint64 judgedAt;
    uint64 challengeDeadline; // a named participant may challenge before this block
    uint64 arbitrationDeadline; // the arbiter may rule before this block; then it settles as overturned
    uint256 bond; // what the GDS locked for the judgement
    address[] named; // the participants the judgement names
    address challenger;
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
    bool named; // named in the job's judgement
}

/// @notice A registered node (or any account's money) as the dApp shows it.
struct NodeView {
    address account;
    uint8 role; // 0 not registered, 1 DO, 2 MPC
    uint256 balance; // free stake / credited balance: what withdraw can take
    uint256 locked; // collateral locked in jobs
    uint64 lastHeartbeat;
    uint32 activeJobs;
    bool termsSet; // false: the node never set terms (it accepts any GDS, any fee, C up to its free stake)
    NodeTerms terms; // what termsOf returns
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Parameters, TrustParameters} from "../types/JobTypes.sol";

// Storage of the JobMarket proxy. It lives in one ERC-7201 namespace so that the OpenZeppelin bases
// (AccessControl, Pausable, ...) keep their own namespaces and nothing sits in slot 0.
//
// LAYOUT RULE (upgrades): this layout is append-only. Never reorder, retype, rename-with-new-meaning
// or remove a field of `JobMarketStorage.Layout` or of the structs below; add new fields only at the
// END of a struct (a new field of Job / Part / NodeAccount goes after the last one, and must not make
// a packed one-slot struct spill into a new slot unless that is intended). `npx @openzeppelin/upgrades-core
// validate` checks this against the previous build.

/// @dev One account's money and liveness, one slot: a settlement reads it (timeout check) and writes it
/// (release, credit) once per participant. balance is the free stake / credited balance (what withdraw
/// can take); locked is collateral in jobs. Widths: balances up to 2^104 wei (2e13 coins of 18 decimals,
/// more than any native supply the contract can hold), locked up to 2^88, block numbers up to 2^40.
struct NodeAccount {
    uint104 balance;
    uint88 locked;
    uint40 lastHeartbeat;
    uint16 activeJobs;
    uint8 role; // 0 not registered, 1 DO, 2 MPC
}

/// @dev Whether an account is already in the `nodes` list (listed once, even after deregistering).
/// The name is kept from before the heartbeat moved into NodeAccount (test helpers import it).
struct NodeLiveness {
    bool listed;
}

/// @dev A participant's state in one job, one slot. role 0 means "not a current participant".
struct Part {
    uint8 role; // 1 DO, 2 MPC
    uint8 taskType; // last reported status
    uint32 epoch;
    uint32 batch;
    uint8 status;
    bool reported;
    bool partComplete;
    bool failed;
    bool replacementRequested;
    bool psiDone; // Vertical: reported (PSI, ALL, ALL, Completed)
    uint32 completedEpochs;
    uint64 lastSeen; // block of its last status update in this job (or of joining, for a replacement MPC)
    // Set when the job went Aborting while this participant was timed out: settleAbort fines it even if it
    // heartbeats after the abort (the heartbeat slot keeps only the latest block).
    bool timedOutAtAbort;
    // release 2 (still in the one slot): named in the job's judgement; timed out at the judgement block
    bool named;
    bool timedOutAtJudgement;
}

/// @dev The parameters a job snapshotted at placeOrder, one slot.
struct JobParams {
    uint32 timeoutBlocks;
    uint32 orderExpiryBlocks;
    uint32 abortGraceBlocks;
    uint16 gdsFeeBps;
    uint16 selfReportFineBps;
    uint16 detectedFineBps;
    uint16 cancelFineBps;
    uint8 maxMpcReplacements;
    uint16 gdsShareBps;
    uint16 mpcShareBps;
    uint16 doShareBps;
}

/// @dev A job. The DO list (address + uint96 price per DO, one 32-byte word each) is written once into
/// the code of a data contract at `doList` (SSTORE2): 6,400 gas per DO instead of a 22,100-gas slot.
struct Job {
    // slot 0
    address qc;
    uint8 state;
    uint8 jobType;
    uint8 mpcCount;
    uint8 replacements;
    bool mpcsAssigned;
    bool consentNeeded;
    bool abortReporterLate; // the abort reporter was already timed out when it reported Failed
    uint32 modelComplexityFactor;
    // slot 1
    address gds;
    uint64 orderedAt;
    uint16 doCount;
    uint16 completedCount; // DOs (Horizontal) or current MPCs (Vertical) that completed their part
    // slot 2
    address doList;
    uint64 dispatchedAt;
    uint32 totalEpochs;
    // slot 3
    address abortReporter;
    uint64 abortedAt;
    // slot 4
    uint64 settledAt;
    uint96 mpcPrice;
    // slot 5, 6
    uint128 quote;
    uint128 totalPrice;
    uint128 collateral;
    uint128 paid;
    // slot 7
    JobParams params;
    // slot 8
    address[] mpcs;
}

/// @dev A node's terms (release 2) in one slot, the one read per locking call: `flags` (TERMS_SET,
/// TERMS_ACCEPTING in TermsRules), the GDS it accepts as an index into `Layout.gdsByIndex` (0: any GDS;
/// an address gets its index when a node first names it), the largest C it locks (saturated: uint88.max,
/// the largest C a job can have, means no limit) and the smallest fee it takes.
struct StoredTerms {
    uint8 flags;
    uint32 gds;
    uint88 maxCollateral;
    uint128 minFee;
}

/// @dev A job's judgement (release 2): the trust parameters it snapshotted at placeOrder, and once the
/// GDS judges it, when, how many participants it names, the bond and who challenged.
struct Judgement {
    // slot 0
    uint32 challengeWindowBlocks;
    uint32 arbitrationBlocks;
    uint16 judgementBondBps;
    uint64 judgedAt;
    uint16 namedCount;
    // slot 1 (a bond is at most C, which fits 88 bits)
    address challenger;
    uint96 bond;
}

/// @title JobMarketStorage
/// @notice Declares the JobMarket's ERC-7201 namespaced storage (the struct must sit in a contract for
/// the OpenZeppelin upgrade validator). Everything reaches it through `StorageAccess.layout()`
/// (storage/StorageAccess.sol).
abstract contract JobMarketStorage {
    /// @custom:storage-location erc7201:fedpay.storage.JobMarket
    struct Layout {
        Parameters params;
        mapping(address => NodeAccount) accounts;
        mapping(address => NodeLiveness) liveness;
        address[] nodes;
        mapping(bytes16 => Job) jobs;
        bytes16[] jobIds;
        mapping(bytes16 => mapping(address => Part)) parts;
        // ── release 2 (appended; release 1's fields above keep their slots) ──
        TrustParameters trustParams;
        mapping(address => StoredTerms) terms;
        mapping(bytes16 => Judgement) judgements;
        // What the market owes in total: every balance, locked collateral, unsettled QC payment and bond.
        // Money-in adds to it, withdraw takes from it, settlements move money inside it. Bounded by 2^104 - 1
        // so that no balance can overflow its 104 bits (docs/rules.md §11.5, §11.10).
        uint256 holdings;
        // The GDS accounts node terms name: index i + 1 is gdsByIndex[i] (StoredTerms.gds).
        mapping(address => uint32) gdsIndex;
        address[] gdsByIndex;
        // The payment asset, fixed at initialize: zero for the native coin, else one ERC-20 (docs/rules.md §12).
        address asset;
    }
}

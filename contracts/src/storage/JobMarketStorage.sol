// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Parameters} from "../types/JobTypes.sol";

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
    }
}

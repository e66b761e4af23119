// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {Parameters, TrustParameters} from "../types/JobTypes.sol";

/// @title ParameterRules
/// @notice The default parameters (docs/rules.md §7) and their bounds (§11.6).
library ParameterRules {
    uint16 internal constant BPS = 10_000;
    /// @dev A job's DO list is the code of a data contract: 32 bytes per DO under the 24,576-byte limit.
    uint16 internal constant MAX_DOS_PER_JOB = 500;
    /// @dev Every block count is between 1 and this (about 3.8 years of 12-second blocks).
    uint32 internal constant MAX_BLOCKS = 10_000_000;
    /// @dev The smallest judgement bond, in bps of the fines a judgement asks.
    uint16 internal constant MIN_JUDGEMENT_BOND_BPS = 100;

    /// @notice The parameters `initialize` sets.
    function defaults() internal pure returns (Parameters memory) {
        return
            Parameters({
                timeoutBlocks: 3600,
                orderExpiryBlocks: 3600,
                abortGraceBlocks: 100,
                gdsFeeBps: 1000,
                selfReportFineBps: 8000,
                detectedFineBps: 10000,
                cancelFineBps: 6000,
                maxMpcReplacements: 3,
                maxDosPerJob: 100,
                maxMpcsPerJob: 16,
                minStake: 0,
                horizontalShares: [uint16(1250), 3750, 5000],
                verticalShares: [uint16(1000), 4500, 4500]
            });
    }

    /// @notice The release-2 parameters `initialize` (or the release-2 upgrade) sets.
    function trustDefaults() internal pure returns (TrustParameters memory) {
        return TrustParameters({challengeWindowBlocks: 7200, arbitrationBlocks: 50400, judgementBondBps: 1000});
    }

    /// @notice Reverts with JobMarketInvalidParameters unless: every block count is in 1..MAX_BLOCKS; every
    /// bps <= 10000; selfReportFineBps <= detectedFineBps (reporting honestly is never dearer than timing
    /// out); each share triple sums to 10000; 1 <= maxDosPerJob <= 500; maxMpcsPerJob >= 1.
    function check(Parameters calldata p) internal pure {
        bool ok =
            _blocks(p.timeoutBlocks) &&
                _blocks(p.orderExpiryBlocks) &&
                _blocks(p.abortGraceBlocks) &&
                p.gdsFeeBps <= BPS &&
                p.selfReportFineBps <= p.detectedFineBps &&
                p.detectedFineBps <= BPS &&
                p.cancelFineBps <= BPS &&
                p.maxDosPerJob != 0 &&
                p.maxDosPerJob <= MAX_DOS_PER_JOB &&
                p.maxMpcsPerJob != 0 &&
                _sumsToBps(p.horizontalShares) &&
                _sumsToBps(p.verticalShares);
        if (!ok) revert IJobMarket.JobMarketInvalidParameters();
    }

    /// @notice Reverts with JobMarketInvalidParameters unless both block counts are in 1..MAX_BLOCKS and
    /// 100 <= judgementBondBps <= 10000.
    function check(TrustParameters calldata p) internal pure {
        bool ok =
            _blocks(p.challengeWindowBlocks) &&
                _blocks(p.arbitrationBlocks) &&
                p.judgementBondBps >= MIN_JUDGEMENT_BOND_BPS &&
                p.judgementBondBps <= BPS;
        if (!ok) revert IJobMarket.JobMarketInvalidParameters();
    }

    function _blocks(uint32 count) private pure returns (bool) {
        return count != 0 && count <= MAX_BLOCKS;
    }

    function _sumsToBps(uint16[3] calldata shares) private pure returns (bool) {
        return uint256(shares[0]) + shares[1] + shares[2] == BPS;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {Parameters} from "../types/JobTypes.sol";

/// @title ParameterRules
/// @notice The default parameters (SPEC.md section 7) and their bounds.
library ParameterRules {
    uint16 internal constant BPS = 10_000;
    /// @dev A job's DO list is the code of a data contract: 32 bytes per DO under the 24,576-byte limit.
    uint16 internal constant MAX_DOS_PER_JOB = 500;

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

    /// @notice Reverts with JobMarketInvalidParameters unless: timeoutBlocks and orderExpiryBlocks > 0;
    /// every bps <= 10000; each share triple sums to 10000; 1 <= maxDosPerJob <= 500; maxMpcsPerJob >= 1.
    function check(Parameters calldata p) internal pure {
        bool ok =
            p.timeoutBlocks != 0 &&
                p.orderExpiryBlocks != 0 &&
                p.gdsFeeBps <= BPS &&
                p.selfReportFineBps <= BPS &&
                p.detectedFineBps <= BPS &&
                p.cancelFineBps <= BPS &&
                p.maxDosPerJob != 0 &&
                p.maxDosPerJob <= MAX_DOS_PER_JOB &&
                p.maxMpcsPerJob != 0 &&
                _sumsToBps(p.horizontalShares) &&
                _sumsToBps(p.verticalShares);
        if (!ok) revert IJobMarket.JobMarketInvalidParameters();
    }

    function _sumsToBps(uint16[3] calldata shares) private pure returns (bool) {
        return uint256(shares[0]) + shares[1] + shares[2] == BPS;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {JobMarketStorage} from "./JobMarketStorage.sol";

/// @title StorageAccess
/// @notice The one place that knows where the JobMarket's storage lives.
library StorageAccess {
    /// @dev keccak256(abi.encode(uint256(keccak256("fedpay.storage.JobMarket")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant JOB_MARKET_STORAGE_SLOT =
        0xde763587c37c83c582efb096461a7d6c2fec470f91520e1c040c81f0a6b7c300;

    function layout() internal pure returns (JobMarketStorage.Layout storage $) {
        assembly ("memory-safe") {
            $.slot := JOB_MARKET_STORAGE_SLOT
        }
    }
}

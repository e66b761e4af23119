// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {JobMarket} from "../JobMarket.sol";

/// @notice Test-only upgrade target: the V1 market unchanged, plus one field and two functions. The new
/// field lives in its own ERC-7201 namespace, appended after everything V1 stores, so no V1 slot moves.
/// @custom:oz-upgrades-from JobMarket
contract JobMarketV2 is JobMarket {
    /// @custom:storage-location erc7201:fedpay.storage.JobMarketV2
    struct V2Layout {
        uint256 upgradedAtBlock;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("fedpay.storage.JobMarketV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V2_STORAGE_SLOT = 0xdf5e8a886b0817b338c6f33de514473ccc34211a525ffe0584d14984b5439f00;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() JobMarket() {}

    /// @notice Runs once, in the upgrade transaction: records the upgrade block in the new field.
    function initializeV2() external reinitializer(2) {
        _v2().upgradedAtBlock = block.number;
    }

    /// @notice The block of the upgrade (the V2-only field).
    function upgradedAtBlock() external view returns (uint256) {
        return _v2().upgradedAtBlock;
    }

    /// @notice A V2-only function, to prove the new code runs behind the old proxy.
    function isV2() external pure returns (bool) {
        return true;
    }

    function _v2() private pure returns (V2Layout storage $) {
        assembly {
            $.slot := V2_STORAGE_SLOT
        }
    }
}

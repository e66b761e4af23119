// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {JobMarket} from "../JobMarket.sol";

/// @notice Test-only upgrade target: the current market unchanged, plus one field and two functions. The new
/// field lives in its own ERC-7201 namespace, so no slot of the market's namespace moves.
/// @custom:oz-upgrades-from JobMarket
contract JobMarketNext is JobMarket {
    /// @custom:storage-location erc7201:fedpay.storage.JobMarketV2
    struct NextLayout {
        uint256 upgradedAtBlock;
    }

    /// @dev keccak256(abi.encode(uint256(keccak256("fedpay.storage.JobMarketV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant NEXT_STORAGE_SLOT = 0xdf5e8a886b0817b338c6f33de514473ccc34211a525ffe0584d14984b5439f00;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() JobMarket() {}

    /// @notice Runs once, in the upgrade transaction: records the upgrade block in the new field.
    function initializeNext() external reinitializer(3) {
        _next().upgradedAtBlock = block.number;
    }

    /// @notice The block of the upgrade (the new version's own field).
    function upgradedAtBlock() external view returns (uint256) {
        return _next().upgradedAtBlock;
    }

    /// @notice A function only the new version has, to prove the new code runs behind the old proxy.
    function isNext() external pure returns (bool) {
        return true;
    }

    function _next() private pure returns (NextLayout storage $) {
        assembly {
            $.slot := NEXT_STORAGE_SLOT
        }
    }
}

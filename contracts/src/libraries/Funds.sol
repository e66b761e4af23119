// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage} from "../storage/JobMarketStorage.sol";
import {StorageAccess} from "../storage/StorageAccess.sol";

/// @title Funds
/// @notice Money entering and leaving the market, and `holdings`, the total it owes. Every money-in
/// function records first (`recordIn`: the msg.value rule and the holdings cap) and pulls last; `sendOut`
/// is the only way money leaves (withdraw). Settlements never call this: they move money inside holdings.
/// Internal: inlined into the libraries that take money in.
library Funds {
    /// @dev What the market may owe in total: every balance fits its 104 bits, so no credit can overflow.
    uint256 internal constant MAX_HOLDINGS = type(uint104).max;

    /// @dev Accounts for `amount` coming in with `value` sent along: on the native coin value must equal
    /// amount; holdings grow by amount, up to MAX_HOLDINGS (JobMarketAmountTooLarge).
    function recordIn(uint256 amount, uint256 value) internal {
        if (value != amount) revert IJobMarket.JobMarketValueMismatch(amount, value);
        JobMarketStorage.Layout storage $ = StorageAccess.layout();
        uint256 next = $.holdings + amount;
        if (next > MAX_HOLDINGS) revert IJobMarket.JobMarketAmountTooLarge(next, MAX_HOLDINGS);
        $.holdings = next;
    }

    /// @dev Sends `amount` to `to` and takes it off holdings (the caller already debited the balance).
    function sendOut(address to, uint256 amount) internal {
        StorageAccess.layout().holdings -= amount;
        (bool ok, ) = payable(to).call{value: amount}("");
        if (!ok) revert IJobMarket.JobMarketTransferFailed(to, amount);
    }
}

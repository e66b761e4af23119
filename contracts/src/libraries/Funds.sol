// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobMarketStorage} from "../storage/JobMarketStorage.sol";
import {StorageAccess} from "../storage/StorageAccess.sol";

/// @title Funds
/// @notice Money entering and leaving the market in its payment asset (docs/rules.md §12), and `holdings`,
/// the total it owes. Every money-in function records first (`recordIn`: the msg.value rule and the
/// holdings bound), then pulls (`pullIn`: the token's balance must grow by exactly the amount); `sendOut`
/// is the only way money leaves (withdraw). Settlements never call this: they move money inside holdings.
/// Internal: inlined into the libraries that take money in.
library Funds {
    using SafeERC20 for IERC20;

    /// @dev What the market may owe in total: every balance fits its 104 bits, so no credit can overflow.
    uint256 internal constant MAX_HOLDINGS = type(uint104).max;

    /// @dev Accounts for `amount` coming in with `value` sent along: on the native coin value must equal
    /// amount, on a token it must be 0; holdings grow by amount, up to MAX_HOLDINGS (JobMarketAmountTooLarge).
    function recordIn(uint256 amount, uint256 value) internal {
        JobMarketStorage.Layout storage $ = StorageAccess.layout();
        uint256 expected = $.asset == address(0) ? amount : 0;
        if (value != expected) revert IJobMarket.JobMarketValueMismatch(expected, value);
        uint256 next = $.holdings + amount;
        if (next > MAX_HOLDINGS) revert IJobMarket.JobMarketAmountTooLarge(next, MAX_HOLDINGS);
        $.holdings = next;
    }

    /// @dev On a token market, pulls `amount` from the caller (transferFrom, SafeERC20) and requires the
    /// market's balance to grow by exactly that (fee-on-transfer and rebasing tokens are refused with
    /// JobMarketTokenAmountMismatch). Amount 0 calls no transferFrom; the native coin came with the call.
    function pullIn(uint256 amount) internal {
        address asset = StorageAccess.layout().asset;
        if (asset == address(0) || amount == 0) return;
        IERC20 token = IERC20(asset);
        uint256 before = token.balanceOf(address(this));
        if (!token.trySafeTransferFrom(msg.sender, address(this), amount)) {
            revert IJobMarket.JobMarketTransferFailed(msg.sender, amount);
        }
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert IJobMarket.JobMarketTokenAmountMismatch(amount, received);
    }

    /// @dev Applies the caller's EIP-2612 permit for exactly `amount` to the market. A permit that fails
    /// (already used by a front-runner, expired, not signed by the caller) is ignored when the allowance
    /// already covers the amount; otherwise it reverts with JobMarketPermitExpired or JobMarketPermitRejected.
    function permit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) internal {
        address asset = StorageAccess.layout().asset;
        if (asset == address(0)) revert IJobMarket.JobMarketUnsupportedAsset(address(0));
        try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, v, r, s) {
            return;
        } catch {
            uint256 allowance = IERC20(asset).allowance(msg.sender, address(this));
            if (allowance >= amount) return;
            if (block.timestamp > deadline) revert IJobMarket.JobMarketPermitExpired(deadline, block.timestamp);
            revert IJobMarket.JobMarketPermitRejected(msg.sender, amount, allowance);
        }
    }

    /// @dev Sends `amount` of the asset to `to` and takes it off holdings (the caller already debited the
    /// balance). A recipient that refuses it fails only its own withdrawal (JobMarketTransferFailed).
    function sendOut(address to, uint256 amount) internal {
        JobMarketStorage.Layout storage $ = StorageAccess.layout();
        $.holdings -= amount;
        address asset = $.asset;
        bool ok;
        if (asset == address(0)) {
            (ok, ) = payable(to).call{value: amount}("");
        } else {
            ok = IERC20(asset).trySafeTransfer(to, amount);
        }
        if (!ok) revert IJobMarket.JobMarketTransferFailed(to, amount);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DemoTether
/// @notice A 6-decimal ERC-20 WITHOUT EIP-2612 permits that, like USDT, refuses to change a non-zero allowance
/// to another non-zero one: a caller must set it to 0 first. The browser journeys run the dApp's approve-then-pay
/// path on it (docs/rules.md §12). DEMO AND TESTS ONLY: anyone may mint.
contract DemoTether is ERC20 {
    /// @notice approve(spender, value) with a non-zero allowance left and a non-zero value.
    error DemoTetherResetAllowanceFirst(address spender, uint256 allowance);

    constructor() ERC20("FedPay Demo Tether", "fdUSDT") {}

    /// @notice 6 decimals, like USDT.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to` (a faucet).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice USDT's rule: a non-zero allowance changes only through 0.
    function approve(address spender, uint256 value) public override returns (bool) {
        uint256 left = allowance(msg.sender, spender);
        if (value != 0 && left != 0) revert DemoTetherResetAllowanceFirst(spender, left);
        return super.approve(spender, value);
    }
}

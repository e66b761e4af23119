// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title DemoStablecoin
/// @notice The local demo's payment token: a 6-decimal ERC-20 with EIP-2612 permits (OpenZeppelin
/// ERC20Permit), like the stablecoins a real deployment would take. DEMO AND TESTS ONLY: anyone may mint,
/// so it is worth nothing; a deployment on a real chain takes an existing token's address instead.
contract DemoStablecoin is ERC20, ERC20Permit {
    constructor() ERC20("FedPay Demo Dollar", "fdUSD") ERC20Permit("FedPay Demo Dollar") {}

    /// @notice 6 decimals, like USDC and USDT.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to` (a faucet: the demo's accounts and the tests fund themselves).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

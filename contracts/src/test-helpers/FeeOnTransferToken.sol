// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only: an ERC-20 that burns `feeBps` of every transfer (the receiver gets less than was sent),
/// or mints that much more when `bonus` is set (a balance that grows by itself, as a rebasing token's may).
/// The market must refuse it: its balance would not grow by exactly the amount paid.
contract FeeOnTransferToken is ERC20 {
    uint16 public immutable feeBps;
    bool public immutable bonus;

    constructor(uint16 feeBps_, bool bonus_) ERC20("Fee On Transfer", "FOT") {
        feeBps = feeBps_;
        bonus = bonus_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == address(0) || to == address(0)) return;
        uint256 fee = (value * feeBps) / 10_000;
        if (bonus) super._update(address(0), to, fee);
        else super._update(to, address(0), fee);
    }
}

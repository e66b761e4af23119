// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only: an ERC-20 whose transfers return false instead of reverting — all of them when
/// `refuseAll` is set, else those to or from a blocked account (as a stablecoin's blocklist does).
contract FalseReturningToken is ERC20 {
    bool public refuseAll;
    mapping(address => bool) public blocked;

    constructor() ERC20("False Returning", "FALSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setRefuseAll(bool refuse) external {
        refuseAll = refuse;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (_refuses(msg.sender, to)) return false;
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (_refuses(from, to)) return false;
        return super.transferFrom(from, to, value);
    }

    function _refuses(address from, address to) private view returns (bool) {
        return refuseAll || blocked[from] || blocked[to];
    }
}

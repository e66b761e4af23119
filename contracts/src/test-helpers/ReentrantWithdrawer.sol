// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";

/// @notice Test-only attacker: a registered node whose receive() re-enters `withdraw` while the market
/// is paying it. `bubble` chooses whether the re-entry's revert is swallowed (try/catch) or propagated.
contract ReentrantWithdrawer {
    IJobMarket public immutable market;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    uint256 public received;
    bool private _bubble;

    constructor(IJobMarket market_) {
        market = market_;
    }

    function register() external payable {
        market.registerNode{value: msg.value}(1, msg.value);
    }

    function attack(uint256 amount, bool bubble) external {
        _bubble = bubble;
        market.withdraw(amount);
    }

    receive() external payable {
        received += msg.value;
        if (reentryAttempts >= 3) return;
        reentryAttempts += 1;
        if (_bubble) {
            market.withdraw(1);
            reentrySuccesses += 1;
        } else {
            try market.withdraw(1) {
                reentrySuccesses += 1;
            } catch {
                // refused, as it must be
            }
        }
    }
}

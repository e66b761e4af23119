// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Test-only: forces coins into `target` (which has no receive/fallback) by self-destructing in
/// its constructor; under cancun (EIP-6780) that still moves the balance and deletes the new contract.
contract ForceSender {
    constructor(address payable target) payable {
        selfdestruct(target);
    }
}

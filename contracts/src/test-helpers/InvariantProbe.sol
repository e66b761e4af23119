// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobView} from "../types/JobTypes.sol";

/// @notice Test-only: reads in one eth_call what the conservation property compares, so the property
/// test can check it after every step: the market's coin balance and its obligations (every account's
/// free + locked stake, plus what the QC paid into each job not yet settled).
contract InvariantProbe {
    uint8 private constant ORDERED = 1;
    uint8 private constant ABORTING = 3;

    function obligations(
        IJobMarket market,
        address[] calldata accounts,
        bytes16[] calldata jobIds
    ) external view returns (uint256 coinBalance, uint256 owed, uint256 unsettledJobs) {
        coinBalance = address(market).balance;
        for (uint256 i; i < accounts.length; ++i) {
            (uint256 free, uint256 locked) = market.stakeOf(accounts[i]);
            owed += free + locked;
        }
        for (uint256 i; i < jobIds.length; ++i) {
            JobView memory job = market.getJob(jobIds[i]);
            if (job.state >= ORDERED && job.state <= ABORTING) {
                owed += job.paid;
                unsettledJobs += 1;
            }
        }
    }
}

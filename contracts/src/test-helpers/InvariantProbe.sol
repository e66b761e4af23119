// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {JobView} from "../types/JobTypes.sol";
import {JobState} from "../types/JobEnums.sol";

/// @notice Test-only: reads in one eth_call what the conservation checks compare: the asset the market
/// holds, what it owes counted one by one — every account's free + locked stake (`stakes`), and what the QC
/// paid into each job not yet settled plus the bonds judged jobs hold (`jobMoney`) — how many of those jobs
/// there are, and the market's own running total (`holdings()`).
contract InvariantProbe {
    error BalanceOfFailed(address token);

    /// @param token the market's ERC-20, or zero for the native coin
    function obligations(
        IJobMarket market,
        address token,
        address[] calldata accounts,
        bytes16[] calldata jobIds
    ) external view returns (uint256 held, uint256 stakes, uint256 jobMoney, uint256 unsettledJobs, uint256 holdings) {
        held = token == address(0) ? address(market).balance : _balanceOf(token, address(market));
        for (uint256 i; i < accounts.length; ++i) {
            (uint256 free, uint256 locked) = market.stakeOf(accounts[i]);
            stakes += free + locked;
        }
        for (uint256 i; i < jobIds.length; ++i) {
            JobView memory job = market.getJob(jobIds[i]);
            JobState state = JobState(job.state);
            bool judged = state == JobState.Judged || state == JobState.Challenged;
            bool open =
                state == JobState.Ordered || state == JobState.Dispatched || state == JobState.Aborting || judged;
            if (!open) continue;
            jobMoney += job.paid;
            if (judged) jobMoney += job.bond;
            ++unsettledJobs;
        }
        holdings = market.holdings();
    }

    /// @notice One job's state, payment and bond beside the asset held and holdings(): what the conservation
    /// property re-reads after each operation on a job, in one eth_call.
    function job(
        IJobMarket market,
        address token,
        bytes16 id
    ) external view returns (uint256 held, uint256 holdings, uint8 state, uint256 paid, uint256 bond) {
        held = token == address(0) ? address(market).balance : _balanceOf(token, address(market));
        holdings = market.holdings();
        JobView memory v = market.getJob(id);
        (state, paid, bond) = (v.state, v.paid, v.bond);
    }

    function _balanceOf(address token, address account) private view returns (uint256) {
        (bool ok, bytes memory data) = token.staticcall(abi.encodeWithSignature("balanceOf(address)", account));
        if (!ok || data.length != 32) revert BalanceOfFailed(token);
        return abi.decode(data, (uint256));
    }
}

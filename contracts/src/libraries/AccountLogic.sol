// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {NodeTerms} from "../types/JobTypes.sol";
import {JobMarketStorage, NodeAccount} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {TermsRules} from "./TermsRules.sol";
import {Funds} from "./Funds.sol";

/// @title AccountLogic
/// @notice Nodes and money (docs/rules.md §3, §11.1, §11.10): registering with a stake, deposits (nodes, and
/// GDS accounts for judgement bonds), withdrawals and standing terms. An external library delegatecalled
/// by the JobMarket, which passes msg.value and the caller's roles and guards withdraw against re-entry.
library AccountLogic {
    /// @notice Registers the caller as a node of `role` with `amount` of stake (records first, pulls last).
    /// @dev Requirements: role 1 or 2; not registered; `value` is right for the asset; the stake reaches minStake.
    function registerNode(uint8 role, uint256 amount, uint256 value) public {
        if (role != JobRules.ROLE_DO && role != JobRules.ROLE_MPC) revert IJobMarket.JobMarketInvalidRole(role);
        JobMarketStorage.Layout storage $ = JobRules.store();
        NodeAccount storage account = $.accounts[msg.sender];
        if (account.role != 0) revert IJobMarket.JobMarketAlreadyRegistered(msg.sender, account.role);
        Funds.recordIn(amount, value);
        uint256 balance = account.balance + amount; // fits: at most holdings
        uint256 minStake = $.params.minStake;
        if (balance + account.locked < minStake) {
            revert IJobMarket.JobMarketBelowMinStake(msg.sender, balance + account.locked, minStake);
        }
        account.balance = uint104(balance);
        account.role = role;
        account.lastHeartbeat = uint40(block.number);
        if (!$.liveness[msg.sender].listed) {
            $.liveness[msg.sender].listed = true;
            $.nodes.push(msg.sender);
        }
        emit IJobMarket.NodeRegistered(msg.sender, role, amount);
        Funds.pullIn(amount);
    }

    /// @notice registerNode paying with the caller's EIP-2612 permit for exactly `amount` (a token market).
    function registerNodeWithPermit(
        uint8 role,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public {
        Funds.permit(amount, deadline, v, r, s);
        registerNode(role, amount, 0);
    }

    /// @notice Adds `amount` to the caller's balance.
    /// @param isGds the caller holds GDS_ROLE (a GDS deposits for the bonds of its judgements)
    /// @dev Requirements: a registered node or a GDS; amount > 0; `value` is right for the asset.
    function deposit(uint256 amount, uint256 value, bool isGds) public {
        NodeAccount storage account = JobRules.store().accounts[msg.sender];
        if (account.role == 0 && !isGds) revert IJobMarket.JobMarketNotRegistered(msg.sender);
        if (amount == 0) revert IJobMarket.JobMarketZeroAmount();
        Funds.recordIn(amount, value);
        account.balance += uint104(amount); // fits: at most holdings
        emit IJobMarket.Deposited(msg.sender, amount);
        Funds.pullIn(amount);
    }

    /// @notice deposit paying with the caller's EIP-2612 permit for exactly `amount` (a token market).
    function depositWithPermit(uint256 amount, bool isGds, uint256 deadline, uint8 v, bytes32 r, bytes32 s) public {
        Funds.permit(amount, deadline, v, r, s);
        deposit(amount, 0, isGds);
    }

    /// @notice Sends `amount` of the caller's balance to it (the JobMarket guards against re-entry).
    /// @dev Requirements: 0 < amount <= balance. Never checks minStake (docs/rules.md §11.10): a node below it
    /// is simply not orderable. Checks-effects-interactions.
    function withdraw(uint256 amount) public {
        NodeAccount storage account = JobRules.store().accounts[msg.sender];
        uint256 balance = account.balance;
        if (amount == 0) revert IJobMarket.JobMarketZeroAmount();
        if (amount > balance) revert IJobMarket.JobMarketInsufficientBalance(msg.sender, balance, amount);
        account.balance = uint104(balance - amount);
        emit IJobMarket.Withdrawn(msg.sender, amount);
        Funds.sendOut(msg.sender, amount);
    }

    /// @notice Sets the caller's standing terms; they bind orders placed after this (anyone may set terms,
    /// so a node sets them before it registers and is never orderable without them).
    function setNodeTerms(NodeTerms calldata terms) public {
        TermsRules.store(msg.sender, terms);
        emit IJobMarket.NodeTermsSet(msg.sender, terms);
    }
}

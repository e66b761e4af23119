// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {Parameters, PriceBreakdown} from "../types/JobTypes.sol";
import {JobMarketStorage, Job, Part, JobParams, Judgement} from "../storage/JobMarketStorage.sol";
import {JobRules} from "./JobRules.sol";
import {FeeMath} from "./FeeMath.sol";
import {DoList} from "./DoList.sol";
import {Funds} from "./Funds.sol";
import {TermsRules} from "./TermsRules.sol";

/// @title OrderLogic
/// @notice Placing an order, paying for it, assigning its MPCs and dispatching it (SPEC.md sections 3, 4).
/// An external library: the JobMarket delegatecalls it, so it works on the proxy's storage, and its
/// events and errors are the market's. The JobMarket checks roles and pause before calling it.
library OrderLogic {
    struct OrderInput {
        bytes16 id;
        uint8 jobType;
        address qc;
        uint32 modelComplexityFactor;
        uint8 mpcCount;
        uint32 totalEpochs;
        uint256 quote;
    }

    /// @notice Places an order (the JobMarket checked GDS_ROLE and the pause).
    /// @dev Requirements: a new non-zero id, a valid job type, a QC that is not the GDS, 1..maxDosPerJob
    /// registered DOs (not the GDS) with prices > 0 (uint96), no duplicates, F >= 1, 1..maxMpcsPerJob MPCs,
    /// 1 <= totalEpochs < ALL, and every DO orderable: C free, at least minStake, its terms accepting.
    function placeOrder(OrderInput calldata order, address[] calldata dos, uint256[] calldata doPrices) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        bytes16 id = order.id;
        if (id == bytes16(0)) revert IJobMarket.JobMarketInvalidJobId(id);
        Job storage job = $.jobs[id];
        if (job.state != JobRules.STATE_NONE) revert IJobMarket.JobMarketJobExists(id);
        _checkOrder(order, dos.length, doPrices.length, $.params);

        // C = sum of DO fees; every DO locks it.
        uint256 collateral;
        bytes32[] memory words = new bytes32[](dos.length);
        for (uint256 i; i < dos.length; ++i) {
            uint256 price = doPrices[i];
            if (price == 0) revert IJobMarket.JobMarketZeroPrice(dos[i]);
            if (price > type(uint96).max) revert IJobMarket.JobMarketAmountTooLarge(price, type(uint96).max);
            collateral += FeeMath.doFee(price, order.modelComplexityFactor);
            words[i] = DoList.pack(dos[i], price);
        }
        if (collateral > type(uint88).max) revert IJobMarket.JobMarketAmountTooLarge(collateral, type(uint88).max);

        mapping(address => Part) storage parts = $.parts[id];
        uint256 minStake = $.params.minStake;
        uint256 gdsIndex = TermsRules.indexOf(msg.sender);
        for (uint256 i; i < dos.length; ++i) {
            address node = dos[i];
            if (parts[node].role != 0) revert IJobMarket.JobMarketDuplicateParticipant(id, node);
            if (node == msg.sender) revert IJobMarket.JobMarketConflictOfInterest(id, node);
            uint256 fee = FeeMath.doFee(doPrices[i], order.modelComplexityFactor);
            JobRules.lock(id, node, JobRules.ROLE_DO, collateral, fee, gdsIndex, minStake);
            parts[node].role = JobRules.ROLE_DO;
        }

        _snapshot(job, $.params, order.jobType);
        job.qc = order.qc;
        job.state = JobRules.STATE_ORDERED;
        job.jobType = order.jobType;
        job.mpcCount = order.mpcCount;
        job.modelComplexityFactor = order.modelComplexityFactor;
        job.gds = msg.sender;
        job.orderedAt = uint64(block.number);
        job.doCount = uint16(dos.length);
        job.doList = DoList.write(words);
        job.totalEpochs = order.totalEpochs;
        job.quote = uint128(order.quote);
        job.collateral = uint128(collateral);
        Judgement storage judgement = $.judgements[id];
        judgement.challengeWindowBlocks = $.trustParams.challengeWindowBlocks;
        judgement.arbitrationBlocks = $.trustParams.arbitrationBlocks;
        judgement.judgementBondBps = $.trustParams.judgementBondBps;
        $.jobIds.push(id);

        emit IJobMarket.JobOrdered(id, order.jobType, order.qc, msg.sender, dos, order.quote);
    }

    /// @notice The QC pays `amount` (or tops up, or consents to a higher price with amount 0).
    /// @param value the msg.value sent along (amount on the native coin, 0 on a token: then pulled, last)
    /// @dev Requirements: the caller is the job's QC; the job is Ordered and not expired; the job's total at
    /// this moment (the quote while no MPCs are assigned) is at most `maxTotal`; holdings stay in bounds.
    function submitQuery(bytes16 id, uint256 amount, uint256 maxTotal, uint256 value) public {
        Job storage job = JobRules.jobOf(id);
        JobRules.requireState(job, id, JobRules.STATE_ORDERED);
        if (msg.sender != job.qc) revert IJobMarket.JobMarketNotQc(id, msg.sender);
        _requireNotExpired(job, id);
        uint256 total = job.mpcsAssigned ? job.totalPrice : job.quote;
        if (total > maxTotal) revert IJobMarket.JobMarketPriceAboveLimit(id, total, maxTotal);
        Funds.recordIn(amount, value);
        uint256 paid = uint256(job.paid) + amount; // fits: at most holdings
        job.paid = uint128(paid);
        // A submitQuery after the assignment is the QC's consent to the assigned price (at most maxTotal).
        if (job.consentNeeded) job.consentNeeded = false;
        emit IJobMarket.QuerySubmitted(id, msg.sender, amount, paid);
        _tryDispatch(job, id);
        Funds.pullIn(amount);
    }

    /// @notice submitQuery paying with the caller's EIP-2612 permit for exactly `amount` (a token market).
    function submitQueryWithPermit(
        bytes16 id,
        uint256 amount,
        uint256 maxTotal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public {
        Funds.permit(amount, deadline, v, r, s);
        submitQuery(id, amount, maxTotal, 0);
    }

    /// @notice The job's GDS assigns (or re-assigns) the job's MPCs at `mpcPrice` each.
    /// @dev Requirements: the caller placed the job; the job is Ordered and not expired; exactly mpcCount
    /// distinct registered MPCs (not the GDS), each orderable (C free, minStake, its terms accepting the
    /// job's MPC fee); mpcPrice > 0 and fits uint96; the total price fits uint128.
    function assignMpcs(bytes16 id, address[] calldata mpcs, uint256 mpcPrice) public {
        JobMarketStorage.Layout storage $ = JobRules.store();
        Job storage job = JobRules.jobOf(id);
        JobRules.requireJobGds(job, id);
        JobRules.requireState(job, id, JobRules.STATE_ORDERED);
        _requireNotExpired(job, id);
        uint256 count = job.mpcCount;
        if (mpcs.length != count) revert IJobMarket.JobMarketParticipantCount(mpcs.length, count, count);
        if (mpcPrice == 0) revert IJobMarket.JobMarketZeroPrice(mpcs[0]);
        if (mpcPrice > type(uint96).max) revert IJobMarket.JobMarketAmountTooLarge(mpcPrice, type(uint96).max);

        uint256 collateral = job.collateral;
        mapping(address => Part) storage parts = $.parts[id];
        // Release the previous assignment first: the same MPC may be assigned again.
        address[] storage current = job.mpcs;
        for (uint256 i; i < current.length; ++i) {
            address old = current[i];
            JobRules.release(id, old, collateral, 0, 0);
            delete parts[old];
        }
        delete job.mpcs;
        PriceBreakdown memory price = FeeMath.breakdown(
            job.jobType,
            collateral,
            job.doCount,
            job.modelComplexityFactor,
            job.mpcCount,
            mpcPrice,
            job.params.gdsFeeBps
        );
        if (price.total > type(uint128).max) revert IJobMarket.JobMarketAmountTooLarge(price.total, type(uint128).max);
        uint256 minStake = $.params.minStake;
        uint256 gdsIndex = TermsRules.indexOf(msg.sender);
        for (uint256 i; i < count; ++i) {
            address node = mpcs[i];
            if (parts[node].role != 0) revert IJobMarket.JobMarketDuplicateParticipant(id, node);
            if (node == msg.sender) revert IJobMarket.JobMarketConflictOfInterest(id, node);
            JobRules.lock(id, node, JobRules.ROLE_MPC, collateral, price.mpcFee, gdsIndex, minStake);
            parts[node].role = JobRules.ROLE_MPC;
            job.mpcs.push(node);
        }

        job.mpcPrice = uint96(mpcPrice);
        job.totalPrice = uint128(price.total);
        job.mpcsAssigned = true;
        // The quote binds the GDS: a higher total needs the QC's consent (a later submitQuery).
        job.consentNeeded = price.total > job.quote;
        emit IJobMarket.MpcsAssigned(id, mpcs, mpcPrice);
        _tryDispatch(job, id);
    }

    function _checkOrder(
        OrderInput calldata order,
        uint256 doCount,
        uint256 priceCount,
        Parameters storage params
    ) private view {
        if (order.jobType > JobRules.VERTICAL) revert IJobMarket.JobMarketInvalidJobType(order.jobType);
        if (order.qc == address(0)) revert IJobMarket.JobMarketZeroAddress();
        if (order.qc == msg.sender) revert IJobMarket.JobMarketConflictOfInterest(order.id, order.qc);
        if (doCount != priceCount) revert IJobMarket.JobMarketLengthMismatch(doCount, priceCount);
        uint256 maxDos = params.maxDosPerJob;
        if (doCount == 0 || doCount > maxDos) revert IJobMarket.JobMarketParticipantCount(doCount, 1, maxDos);
        uint256 maxMpcs = params.maxMpcsPerJob;
        if (order.mpcCount == 0 || order.mpcCount > maxMpcs) {
            revert IJobMarket.JobMarketParticipantCount(order.mpcCount, 1, maxMpcs);
        }
        if (order.modelComplexityFactor == 0) revert IJobMarket.JobMarketInvalidFactor(order.modelComplexityFactor);
        if (order.totalEpochs == 0 || order.totalEpochs == JobRules.ALL) {
            revert IJobMarket.JobMarketInvalidTotalEpochs(order.totalEpochs);
        }
        if (order.quote > type(uint128).max) revert IJobMarket.JobMarketAmountTooLarge(order.quote, type(uint128).max);
    }

    function _snapshot(Job storage job, Parameters storage params, uint8 jobType) private {
        uint16[3] memory shares = jobType == JobRules.HORIZONTAL ? params.horizontalShares : params.verticalShares;
        job.params = JobParams({
            timeoutBlocks: params.timeoutBlocks,
            orderExpiryBlocks: params.orderExpiryBlocks,
            abortGraceBlocks: params.abortGraceBlocks,
            gdsFeeBps: params.gdsFeeBps,
            selfReportFineBps: params.selfReportFineBps,
            detectedFineBps: params.detectedFineBps,
            cancelFineBps: params.cancelFineBps,
            maxMpcReplacements: params.maxMpcReplacements,
            gdsShareBps: shares[0],
            mpcShareBps: shares[1],
            doShareBps: shares[2]
        });
    }

    function _requireNotExpired(Job storage job, bytes16 id) private view {
        uint256 expiry = JobRules.expiresAt(job);
        if (block.number >= expiry) revert IJobMarket.JobMarketOrderExpired(id, expiry);
    }

    /// @dev Dispatches when both halves are ready: MPCs assigned (and, above the quote, consented to)
    /// and the QC's payment covering the total.
    function _tryDispatch(Job storage job, bytes16 id) private {
        if (!job.mpcsAssigned || job.consentNeeded || job.paid < job.totalPrice) return;
        job.state = JobRules.STATE_DISPATCHED;
        job.dispatchedAt = uint64(block.number);
        uint256 count = job.doCount;
        bytes32[] memory words = DoList.read(job.doList, count);
        address[] memory dos = new address[](count);
        for (uint256 i; i < count; ++i) {
            (dos[i], ) = DoList.unpack(words[i]);
        }
        emit IJobMarket.JobDispatched(id, job.jobType, dos, job.mpcs);
    }
}

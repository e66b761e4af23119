// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PriceBreakdown} from "../types/JobTypes.sol";

/// @title FeeMath
/// @notice Every money rule of SPEC.md sections 3 and 6 as pure functions, in one place: fees, price,
/// collateral, fines, compensation, remainder shares and cancellation fee. Settlement code only adds up
/// what these return; rounding is always down, and the callers give the dust to the GDS.
/// @dev Plain checked arithmetic: the market bounds prices to uint96, F to uint32, C to uint88 and totals
/// to uint128, so no product below can overflow 256 bits (and if one did, it would revert, not wrap).
library FeeMath {
    uint256 internal constant BPS = 10_000;
    uint8 internal constant HORIZONTAL = 0;

    /// @notice Fee of a DO: p_i * F.
    function doFee(uint256 price, uint32 modelComplexityFactor) internal pure returns (uint256) {
        return price * modelComplexityFactor;
    }

    /// @notice Fee of each MPC: m (Horizontal) or m * N * F (Vertical).
    function mpcFee(
        uint8 jobType,
        uint256 mpcPrice,
        uint256 doCount,
        uint32 modelComplexityFactor
    ) internal pure returns (uint256) {
        return jobType == HORIZONTAL ? mpcPrice : mpcPrice * doCount * modelComplexityFactor;
    }

    /// @notice The price of a job from the sum of its DO fees (= collateral C).
    function breakdown(
        uint8 jobType,
        uint256 doFees,
        uint256 doCount,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint256 mpcPrice,
        uint16 gdsFeeBps
    ) internal pure returns (PriceBreakdown memory b) {
        b.doFees = doFees;
        b.mpcFee = mpcFee(jobType, mpcPrice, doCount, modelComplexityFactor);
        b.mpcFees = b.mpcFee * mpcCount;
        b.gdsFee = ((b.doFees + b.mpcFees) * gdsFeeBps) / BPS;
        b.total = b.doFees + b.mpcFees + b.gdsFee;
        b.collateral = doFees;
    }

    /// @notice The price of a job from its DO prices (SPEC.md section 3).
    function priceOf(
        uint8 jobType,
        uint256[] memory doPrices,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint256 mpcPrice,
        uint16 gdsFeeBps
    ) internal pure returns (PriceBreakdown memory) {
        uint256 doFees;
        for (uint256 i; i < doPrices.length; ++i) {
            doFees += doFee(doPrices[i], modelComplexityFactor);
        }
        return breakdown(jobType, doFees, doPrices.length, modelComplexityFactor, mpcCount, mpcPrice, gdsFeeBps);
    }

    /// @notice Fine of one of `offenders` offenders: floor(fineBps * C / k).
    function fineOf(uint256 collateral, uint16 fineBps, uint256 offenders) internal pure returns (uint256) {
        return (collateral * fineBps) / (BPS * offenders);
    }

    /// @notice What a good DO is owed when a job is settled by settleAbort: fee * completedEpochs / totalEpochs.
    function abortCompensation(
        uint256 fee,
        uint32 completedEpochs,
        uint32 totalEpochs
    ) internal pure returns (uint256) {
        return (fee * completedEpochs) / totalEpochs;
    }

    /// @notice A compensation of `owed` out of a pool of `pool` when all owed add up to `totalOwed`:
    /// paid in full if the pool covers everyone, else shrunk in proportion (rounded down).
    function scaledCompensation(uint256 owed, uint256 pool, uint256 totalOwed) internal pure returns (uint256) {
        return totalOwed > pool ? (owed * pool) / totalOwed : owed;
    }

    /// @notice `amount * weight / totalWeight`, rounded down: a member's part of a group's amount.
    function proportional(uint256 amount, uint256 weight, uint256 totalWeight) internal pure returns (uint256) {
        return (amount * weight) / totalWeight;
    }

    /// @notice Splits the remainder of the fine pool among the groups (SPEC.md section 6, rule 4).
    /// @param shares GDS, MPCs, DOs in bps (sum 10000)
    /// @param mpcWeight sum of the fees of the good MPCs (0: no good MPC)
    /// @param doWeight sum of the fees of the good DOs (0: no good DO)
    /// @return gdsPart the GDS's share plus the rounding dust
    /// @return mpcPart to split among the good MPCs by fee
    /// @return doPart to split among the good DOs by fee
    /// @return qcPart everything, when no DO and no MPC is good (back to the QC)
    /// @dev A share whose group is empty goes to the other groups in proportion to their shares. If the
    /// remaining groups all have share 0 (e.g. shares 0/10000/0 with no good MPC), the participant groups
    /// that remain take it in proportion to their fees.
    function splitRemainder(
        uint256 remainder,
        uint16[3] memory shares,
        uint256 mpcWeight,
        uint256 doWeight
    ) internal pure returns (uint256 gdsPart, uint256 mpcPart, uint256 doPart, uint256 qcPart) {
        if (mpcWeight == 0 && doWeight == 0) return (0, 0, 0, remainder);
        uint256 wGds = shares[0];
        uint256 wMpc = mpcWeight == 0 ? 0 : shares[1];
        uint256 wDo = doWeight == 0 ? 0 : shares[2];
        if (wGds + wMpc + wDo == 0) {
            (wMpc, wDo) = (mpcWeight, doWeight);
        }
        uint256 sum = wGds + wMpc + wDo;
        mpcPart = (remainder * wMpc) / sum;
        doPart = (remainder * wDo) / sum;
        gdsPart = remainder - mpcPart - doPart;
    }

    /// @notice The fine a QC pays for cancelling a dispatched job: cancelFineBps of the total price.
    function cancellationFine(uint256 totalPrice, uint16 cancelFineBps) internal pure returns (uint256) {
        return (totalPrice * cancelFineBps) / BPS;
    }
}

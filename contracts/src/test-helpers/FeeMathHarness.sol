// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FeeMath} from "../libraries/FeeMath.sol";

/// @notice Test-only: exposes the internal FeeMath rules so that the differential tests can run the
/// TypeScript money model against them on random inputs, many inputs per eth_call.
contract FeeMathHarness {
    struct FineInput {
        uint256 collateral;
        uint16 fineBps;
        uint256 offenders;
    }

    struct CompensationInput {
        uint256 fee;
        uint32 completedEpochs;
        uint32 totalEpochs;
    }

    struct ScaleInput {
        uint256 owed;
        uint256 pool;
        uint256 totalOwed;
    }

    struct SplitInput {
        uint256 remainder;
        uint16[3] shares;
        uint256 mpcWeight;
        uint256 doWeight;
    }

    struct Split {
        uint256 gdsPart;
        uint256 mpcPart;
        uint256 doPart;
        uint256 qcPart;
    }

    struct ProportionalInput {
        uint256 amount;
        uint256 weight;
        uint256 totalWeight;
    }

    struct CancelInput {
        uint256 totalPrice;
        uint16 cancelFineBps;
    }

    function fineOf(FineInput[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            out[i] = FeeMath.fineOf(inputs[i].collateral, inputs[i].fineBps, inputs[i].offenders);
        }
    }

    function abortCompensation(CompensationInput[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            CompensationInput calldata x = inputs[i];
            out[i] = FeeMath.abortCompensation(x.fee, x.completedEpochs, x.totalEpochs);
        }
    }

    function scaledCompensation(ScaleInput[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            out[i] = FeeMath.scaledCompensation(inputs[i].owed, inputs[i].pool, inputs[i].totalOwed);
        }
    }

    function splitRemainder(SplitInput[] calldata inputs) external pure returns (Split[] memory out) {
        out = new Split[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            SplitInput calldata x = inputs[i];
            (uint256 g, uint256 m, uint256 d, uint256 q) = FeeMath.splitRemainder(
                x.remainder,
                x.shares,
                x.mpcWeight,
                x.doWeight
            );
            out[i] = Split(g, m, d, q);
        }
    }

    function cancellationFine(CancelInput[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            out[i] = FeeMath.cancellationFine(inputs[i].totalPrice, inputs[i].cancelFineBps);
        }
    }

    function proportional(ProportionalInput[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            out[i] = FeeMath.proportional(inputs[i].amount, inputs[i].weight, inputs[i].totalWeight);
        }
    }
}

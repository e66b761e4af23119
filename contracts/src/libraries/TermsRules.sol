// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "../interfaces/IJobMarket.sol";
import {NodeTerms} from "../types/JobTypes.sol";
import {JobMarketStorage, StoredTerms} from "../storage/JobMarketStorage.sol";
import {StorageAccess} from "../storage/StorageAccess.sol";

/// @title TermsRules
/// @notice A node's standing terms (docs/rules.md §11.1, §11.9), stored in one slot so that checking them
/// costs one cold read per locking call, against the terms in force at that call. The GDS a node names is
/// kept as a small index (the ordering GDS's own index is read once per order, not once per node).
/// Internal: inlined into the libraries that lock collateral, set terms and read them.
library TermsRules {
    uint8 internal constant TERMS_SET = 1;
    uint8 internal constant TERMS_ACCEPTING = 2;
    /// @dev maxCollateral stored as this means no limit: no job's C exceeds it (the market bounds C to 88 bits).
    uint88 internal constant NO_LIMIT = type(uint88).max;

    /// @dev The index of GDS `gds` in the terms' GDS list (0: no node ever named it).
    function indexOf(address gds) internal view returns (uint256) {
        return StorageAccess.layout().gdsIndex[gds];
    }

    /// @dev Reverts with JobMarketTermsRejected unless `node`'s terms accept a job of the GDS with index
    /// `gdsIndex` (indexOf) that locks `collateral` from it and pays it `fee`. A node that never set terms
    /// accepts any such job.
    function check(address node, uint256 fee, uint256 collateral, uint256 gdsIndex) internal view {
        StoredTerms memory t = StorageAccess.layout().terms[node];
        if (t.flags == 0) return;
        bool ok =
            t.flags & TERMS_ACCEPTING != 0 &&
                (t.gds == 0 || t.gds == gdsIndex) &&
                collateral <= t.maxCollateral &&
                fee >= t.minFee;
        if (!ok) revert IJobMarket.JobMarketTermsRejected(node);
    }

    /// @dev Stores `node`'s new terms (a maxCollateral at or above NO_LIMIT is stored as no limit; a minFee
    /// must fit 128 bits).
    function store(address node, NodeTerms calldata terms) internal {
        if (terms.minFee > type(uint128).max) {
            revert IJobMarket.JobMarketAmountTooLarge(terms.minFee, type(uint128).max);
        }
        JobMarketStorage.Layout storage $ = StorageAccess.layout();
        $.terms[node] = StoredTerms({
            flags: terms.accepting ? TERMS_SET | TERMS_ACCEPTING : TERMS_SET,
            gds: terms.gds == address(0) ? 0 : _indexFor($, terms.gds),
            maxCollateral: terms.maxCollateral >= NO_LIMIT ? NO_LIMIT : uint88(terms.maxCollateral),
            minFee: uint128(terms.minFee)
        });
    }

    /// @dev The terms orders are checked against, and whether the node ever set them. Never set: accepting,
    /// any GDS, no minimum fee, no collateral limit (the free stake is the limit).
    function read(address node) internal view returns (NodeTerms memory terms, bool set) {
        JobMarketStorage.Layout storage $ = StorageAccess.layout();
        StoredTerms memory t = $.terms[node];
        if (t.flags == 0) return (NodeTerms(true, address(0), 0, type(uint256).max), false);
        terms = NodeTerms({
            accepting: t.flags & TERMS_ACCEPTING != 0,
            gds: t.gds == 0 ? address(0) : $.gdsByIndex[t.gds - 1],
            minFee: t.minFee,
            maxCollateral: t.maxCollateral == NO_LIMIT ? type(uint256).max : t.maxCollateral
        });
        set = true;
    }

    /// @dev `gds`'s index, given one now if it has none yet.
    function _indexFor(JobMarketStorage.Layout storage $, address gds) private returns (uint32 index) {
        index = $.gdsIndex[gds];
        if (index != 0) return index;
        $.gdsByIndex.push(gds);
        index = uint32($.gdsByIndex.length);
        $.gdsIndex[gds] = index;
    }
}

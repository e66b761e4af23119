// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {JobView, NodeView, NodeTerms, ParticipantView} from "./types/JobTypes.sol";

/// @title JobMarketLens
/// @notice Bulk reads for the dApp dashboard and the GDS watcher: one eth_call instead of one per job or
/// node. Stateless and not upgradeable; it only calls the market's views, so one deployment serves any
/// JobMarket proxy.
contract JobMarketLens {
    /// @notice Jobs `offset` .. `offset + limit - 1` in the order they were placed (fewer at the end).
    function getJobs(IJobMarket market, uint256 offset, uint256 limit) external view returns (JobView[] memory jobs) {
        uint256 count = _window(market.jobCount(), offset, limit);
        jobs = new JobView[](count);
        for (uint256 i; i < count; ++i) {
            jobs[i] = market.getJob(market.jobIdAt(offset + i));
        }
    }

    /// @notice Nodes `offset` .. `offset + limit - 1` in the order they first registered (fewer at the end).
    function getNodes(
        IJobMarket market,
        uint256 offset,
        uint256 limit
    ) external view returns (NodeView[] memory nodes) {
        uint256 count = _window(market.nodeCount(), offset, limit);
        nodes = new NodeView[](count);
        for (uint256 i; i < count; ++i) {
            nodes[i] = market.getNode(market.nodeAt(offset + i));
        }
    }

    /// @notice getProgress of each job in `ids`, in the same order.
    function getProgresses(
        IJobMarket market,
        bytes16[] calldata ids
    ) external view returns (ParticipantView[][] memory progresses) {
        progresses = new ParticipantView[][](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            progresses[i] = market.getProgress(ids[i]);
        }
    }

    /// @notice termsOf each account in `nodes` (also accounts that set terms before registering).
    function getTerms(IJobMarket market, address[] calldata nodes) external view returns (NodeTerms[] memory terms) {
        terms = new NodeTerms[](nodes.length);
        for (uint256 i; i < nodes.length; ++i) {
            terms[i] = market.termsOf(nodes[i]);
        }
    }

    /// @dev How many entries of a list of `length` a window starting at `offset` of size `limit` holds.
    function _window(uint256 length, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= length) return 0;
        uint256 left = length - offset;
        return left < limit ? left : limit;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Parameters, TrustParameters} from "../types/JobTypes.sol";
import {NodeAccount, NodeLiveness, Job, Part, StoredTerms, Judgement} from "../storage/JobMarketStorage.sol";
// Not inherited: imported only so that JobMarket is compiled in the same job (one build-info file holds
// both the reference and this contract for the upgrade validator).
// solhint-disable-next-line no-unused-import
import {JobMarket} from "../JobMarket.sol";

/// @notice Test-only, NEVER to be deployed as an upgrade: the market's namespace with two fields
/// swapped (accounts before params). The upgrade validator must reject it against JobMarket.
contract BrokenJobMarketNext is
    Initializable,
    UUPSUpgradeable,
    AccessControlUpgradeable,
    PausableUpgradeable,
    ReentrancyGuardTransient
{
    /// @custom:storage-location erc7201:fedpay.storage.JobMarket
    struct Layout {
        mapping(address => NodeAccount) accounts;
        Parameters params;
        mapping(address => NodeLiveness) liveness;
        address[] nodes;
        mapping(bytes16 => Job) jobs;
        bytes16[] jobIds;
        mapping(bytes16 => mapping(address => Part)) parts;
        TrustParameters trustParams;
        mapping(address => StoredTerms) terms;
        mapping(bytes16 => Judgement) judgements;
        uint256 holdings;
        mapping(address => uint32) gdsIndex;
        address[] gdsByIndex;
        address asset;
    }

    bytes32 private constant STORAGE_SLOT = 0xde763587c37c83c582efb096461a7d6c2fec470f91520e1c040c81f0a6b7c300;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initializeNext() external reinitializer(3) {}

    function nodeCount() external view returns (uint256) {
        return _layout().nodes.length;
    }

    function _layout() private pure returns (Layout storage $) {
        assembly {
            $.slot := STORAGE_SLOT
        }
    }

    function _authorizeUpgrade(address) internal override onlyRole(DEFAULT_ADMIN_ROLE) {}
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AccessControlUpgradeable} from "@openzeppelin/contracts-upgradeable/access/AccessControlUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {
    JobStatus,
    Parameters,
    TrustParameters,
    NodeTerms,
    PriceBreakdown,
    JobView,
    ParticipantView,
    NodeView
} from "./types/JobTypes.sol";
import {JobMarketStorage, NodeAccount} from "./storage/JobMarketStorage.sol";
import {StorageAccess} from "./storage/StorageAccess.sol";
import {JobRules} from "./libraries/JobRules.sol";
import {AccountLogic} from "./libraries/AccountLogic.sol";
import {OrderLogic} from "./libraries/OrderLogic.sol";
import {ProgressLogic} from "./libraries/ProgressLogic.sol";
import {StatusRules} from "./libraries/StatusRules.sol";
import {SettlementLogic} from "./libraries/SettlementLogic.sol";
import {JudgementLogic} from "./libraries/JudgementLogic.sol";
import {ViewLogic} from "./libraries/ViewLogic.sol";
import {ParameterRules} from "./libraries/ParameterRules.sol";

/// @title JobMarket
/// @notice Escrow, collateral and settlement for federated-learning jobs (docs/rules.md). UUPS proxy
/// implementation; the rules live in external libraries (AccountLogic, OrderLogic, ProgressLogic,
/// SettlementLogic, JudgementLogic, ViewLogic) linked at deploy time, to stay under the 24,576-byte limit.
/// @dev No receive and no fallback: money enters only through the money-in functions. Pull payments:
/// settlement credits balances, only `withdraw` sends money.
contract JobMarket is
    IJobMarket,
    JobMarketStorage,
    Initializable,
    UUPSUpgradeable,
    AccessControlUpgradeable,
    PausableUpgradeable,
    ReentrancyGuardTransient
{
    bytes32 public constant GDS_ROLE = keccak256("GDS_ROLE");
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Rules on challenged judgements (docs/rules.md §11.7); best held by an account that is no GDS.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Grants `admin` every role (ARBITER_ROLE too), fixes the payment asset — `asset` zero for the
    /// native coin, else an ERC-20 — and sets the default parameters (docs/rules.md §7, §12).
    /// @dev Requirements: called once, through the proxy; admin is not zero; asset is zero or a contract
    /// whose decimals() is 2..18 (JobMarketUnsupportedAsset).
    function initialize(address admin, address asset_) external initializer {
        if (admin == address(0)) revert JobMarketZeroAddress();
        if (asset_ != address(0)) {
            (bool ok, uint8 decimals) = SafeERC20.tryGetDecimals(IERC20(asset_));
            if (!ok || decimals < 2 || decimals > 18) revert JobMarketUnsupportedAsset(asset_);
        }
        __AccessControl_init();
        __Pausable_init();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GDS_ROLE, admin);
        _grantRole(UPGRADER_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(ARBITER_ROLE, admin);
        Parameters memory defaults = ParameterRules.defaults();
        JobMarketStorage.Layout storage $ = _getJobMarketStorage();
        $.params = defaults;
        $.asset = asset_;
        emit ParametersUpdated(defaults);
        _setTrustParameters($, ParameterRules.trustDefaults());
    }

    /// @notice Takes a release-1 market to release 2, in the upgrade transaction (upgradeToAndCall): sets the
    /// release-2 parameters, grants ARBITER_ROLE to `arbiter` (none when zero), and counts what the market
    /// holds (release 1 kept no total: its coin balance is what it owes, plus any coins forced in).
    /// @dev Requirements: UPGRADER_ROLE; once (reinitializer 2), and never on a market initialized as release 2.
    /// @custom:oz-upgrades-validate-as-initializer
    function initializeRelease2(address arbiter) external reinitializer(2) onlyRole(UPGRADER_ROLE) {
        JobMarketStorage.Layout storage $ = _getJobMarketStorage();
        if ($.trustParams.judgementBondBps != 0) revert InvalidInitialization();
        if (arbiter != address(0)) _grantRole(ARBITER_ROLE, arbiter);
        _setTrustParameters($, ParameterRules.trustDefaults());
        $.holdings = address(this).balance;
    }

    // ───────────────────────────── nodes and money ─────────────────────────────

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see AccountLogic.registerNode.
    function registerNode(uint8 role, uint256 amount) external payable nonReentrant {
        AccountLogic.registerNode(role, amount, msg.value);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: a registered node or a GDS; see AccountLogic.deposit.
    function deposit(uint256 amount) external payable nonReentrant {
        AccountLogic.deposit(amount, msg.value, hasRole(GDS_ROLE, msg.sender));
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: 0 < amount <= balance. Checks-effects-interactions, nonReentrant; never paused.
    function withdraw(uint256 amount) external nonReentrant {
        AccountLogic.withdraw(amount);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: a token market (JobMarketUnsupportedAsset otherwise); see AccountLogic.registerNode.
    function registerNodeWithPermit(
        uint8 role,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        AccountLogic.registerNodeWithPermit(role, amount, deadline, v, r, s);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: a token market; see AccountLogic.deposit.
    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external nonReentrant {
        AccountLogic.depositWithPermit(amount, hasRole(GDS_ROLE, msg.sender), deadline, v, r, s);
    }

    /// @inheritdoc IJobMarket
    function setNodeTerms(NodeTerms calldata terms) external {
        AccountLogic.setNodeTerms(terms);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: the caller is a registered node.
    function heartbeat() external {
        NodeAccount storage account = _getJobMarketStorage().accounts[msg.sender];
        if (account.role == 0) revert JobMarketNotRegistered(msg.sender);
        account.lastHeartbeat = uint40(block.number);
        emit Heartbeat(msg.sender, block.number);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: the caller is a registered node with no collateral locked.
    function deregisterNode() external {
        NodeAccount storage account = _getJobMarketStorage().accounts[msg.sender];
        if (account.role == 0) revert JobMarketNotRegistered(msg.sender);
        if (account.locked != 0) revert JobMarketStakeLocked(msg.sender, account.locked);
        account.role = 0;
        emit NodeDeregistered(msg.sender);
    }

    // ───────────────────────────── jobs ─────────────────────────────

    /// @inheritdoc IJobMarket
    /// @dev Requirements: GDS_ROLE, not paused; see OrderLogic.placeOrder.
    function placeOrder(
        bytes16 id,
        uint8 jobType,
        address qc,
        address[] calldata dos,
        uint256[] calldata doPrices,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint32 totalEpochs,
        uint256 quote
    ) external onlyRole(GDS_ROLE) whenNotPaused {
        OrderLogic.placeOrder(
            OrderLogic.OrderInput(id, jobType, qc, modelComplexityFactor, mpcCount, totalEpochs, quote),
            dos,
            doPrices
        );
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: not paused; see OrderLogic.submitQuery.
    function submitQuery(bytes16 id, uint256 amount, uint256 maxTotal) external payable whenNotPaused nonReentrant {
        OrderLogic.submitQuery(id, amount, maxTotal, msg.value);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: not paused; a token market; see OrderLogic.submitQuery.
    function submitQueryWithPermit(
        bytes16 id,
        uint256 amount,
        uint256 maxTotal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused nonReentrant {
        OrderLogic.submitQueryWithPermit(id, amount, maxTotal, deadline, v, r, s);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: GDS_ROLE, the job's GDS; see OrderLogic.assignMpcs.
    function assignMpcs(bytes16 id, address[] calldata mpcs, uint256 mpcPrice) external onlyRole(GDS_ROLE) {
        OrderLogic.assignMpcs(id, mpcs, mpcPrice);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see StatusRules.updateJobStatus. Settles the job when it completes it.
    function updateJobStatus(bytes16 id, JobStatus calldata status) external {
        if (StatusRules.updateJobStatus(id, status)) SettlementLogic.settleCompleted(id);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see ProgressLogic.requestMpcReplacement.
    function requestMpcReplacement(bytes16 id, address mpc) external {
        ProgressLogic.requestMpcReplacement(id, mpc);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: GDS_ROLE, the job's GDS; see ProgressLogic.replaceMpc.
    function replaceMpc(bytes16 id, address oldMpc, address newMpc) external onlyRole(GDS_ROLE) {
        ProgressLogic.replaceMpc(id, oldMpc, newMpc);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: reason 2 needs GDS_ROLE and is JudgementLogic.judge; else SettlementLogic.reportFailure.
    function reportFailure(bytes16 id, address[] calldata offenders, uint8 reason) external {
        if (reason == JobRules.REASON_NON_COMPLIANT) {
            _checkRole(GDS_ROLE);
            JudgementLogic.judge(id, offenders);
        } else {
            SettlementLogic.reportFailure(id, offenders, reason);
        }
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: the job Aborting; its GDS at once, anyone after abortGraceBlocks.
    function settleAbort(bytes16 id) external {
        SettlementLogic.settleAbort(id, hasRole(GDS_ROLE, msg.sender));
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see SettlementLogic.cancelJob.
    function cancelJob(bytes16 id, uint256 maxFine) external {
        SettlementLogic.cancelJob(id, maxFine, hasRole(GDS_ROLE, msg.sender));
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see JudgementLogic.challengeJudgement.
    function challengeJudgement(bytes16 id) external {
        JudgementLogic.challengeJudgement(id);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: ARBITER_ROLE; see JudgementLogic.resolveChallenge.
    function resolveChallenge(bytes16 id, address[] calldata upheld) external onlyRole(ARBITER_ROLE) {
        JudgementLogic.resolveChallenge(id, upheld);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: see JudgementLogic.settleJudgement.
    function settleJudgement(bytes16 id) external {
        JudgementLogic.settleJudgement(id);
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IJobMarket
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; every bound of ParameterRules.check.
    function setParameters(Parameters calldata parameters_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ParameterRules.check(parameters_);
        _getJobMarketStorage().params = parameters_;
        emit ParametersUpdated(parameters_);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: DEFAULT_ADMIN_ROLE; every bound of ParameterRules.check.
    function setTrustParameters(TrustParameters calldata parameters_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ParameterRules.check(parameters_);
        _setTrustParameters(_getJobMarketStorage(), parameters_);
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: PAUSER_ROLE. Stops placeOrder and submitQuery only.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IJobMarket
    /// @dev Requirements: PAUSER_ROLE.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IJobMarket
    function getJob(bytes16 id) external view returns (JobView memory) {
        return ViewLogic.getJob(id);
    }

    /// @inheritdoc IJobMarket
    function getParticipants(
        bytes16 id
    ) external view returns (address[] memory dos, uint256[] memory doPrices, address[] memory mpcs) {
        return ViewLogic.getParticipants(id);
    }

    /// @inheritdoc IJobMarket
    function getProgress(bytes16 id) external view returns (ParticipantView[] memory) {
        return ViewLogic.getProgress(id);
    }

    /// @inheritdoc IJobMarket
    function priceOf(
        uint8 jobType,
        uint256[] calldata doPrices,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint256 mpcPrice,
        uint16 gdsFeeBps
    ) external pure returns (PriceBreakdown memory) {
        return ViewLogic.priceOf(jobType, doPrices, modelComplexityFactor, mpcCount, mpcPrice, gdsFeeBps);
    }

    /// @inheritdoc IJobMarket
    function collateralOf(bytes16 id) external view returns (uint256) {
        return JobRules.jobOf(id).collateral;
    }

    /// @inheritdoc IJobMarket
    function cancellationFineOf(bytes16 id) external view returns (uint256) {
        return ViewLogic.cancellationFineOf(id);
    }

    /// @inheritdoc IJobMarket
    function balanceOf(address account) external view returns (uint256) {
        return _getJobMarketStorage().accounts[account].balance;
    }

    /// @inheritdoc IJobMarket
    function stakeOf(address account) external view returns (uint256 free, uint256 locked) {
        NodeAccount storage a = _getJobMarketStorage().accounts[account];
        return (a.balance, a.locked);
    }

    /// @inheritdoc IJobMarket
    function getNode(address account) external view returns (NodeView memory) {
        return ViewLogic.getNode(account);
    }

    /// @inheritdoc IJobMarket
    function termsOf(address node) external view returns (NodeTerms memory) {
        return ViewLogic.termsOf(node);
    }

    /// @inheritdoc IJobMarket
    function isTimedOut(bytes16 id, address who) external view returns (bool) {
        return ViewLogic.isTimedOut(id, who);
    }

    /// @inheritdoc IJobMarket
    function jobCount() external view returns (uint256) {
        return _getJobMarketStorage().jobIds.length;
    }

    /// @inheritdoc IJobMarket
    function jobIdAt(uint256 index) external view returns (bytes16) {
        bytes16[] storage ids = _getJobMarketStorage().jobIds;
        if (index >= ids.length) revert JobMarketIndexOutOfRange(index, ids.length);
        return ids[index];
    }

    /// @inheritdoc IJobMarket
    function nodeCount() external view returns (uint256) {
        return _getJobMarketStorage().nodes.length;
    }

    /// @inheritdoc IJobMarket
    function nodeAt(uint256 index) external view returns (address) {
        address[] storage nodes = _getJobMarketStorage().nodes;
        if (index >= nodes.length) revert JobMarketIndexOutOfRange(index, nodes.length);
        return nodes[index];
    }

    /// @inheritdoc IJobMarket
    function parameters() external view returns (Parameters memory) {
        return _getJobMarketStorage().params;
    }

    /// @inheritdoc IJobMarket
    function trustParameters() external view returns (TrustParameters memory) {
        return _getJobMarketStorage().trustParams;
    }

    /// @inheritdoc IJobMarket
    function holdings() external view returns (uint256) {
        return _getJobMarketStorage().holdings;
    }

    /// @inheritdoc IJobMarket
    function asset() external view returns (address) {
        return _getJobMarketStorage().asset;
    }

    /// @inheritdoc IJobMarket
    function version() external pure returns (string memory) {
        return "2.0.0";
    }

    /// @dev Requirements: UPGRADER_ROLE (the modifier is the whole check).
    // solhint-disable-next-line no-empty-blocks
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {}

    function _setTrustParameters(JobMarketStorage.Layout storage $, TrustParameters memory p) private {
        $.trustParams = p;
        emit TrustParametersUpdated(p);
    }

    function _getJobMarketStorage() private pure returns (JobMarketStorage.Layout storage) {
        return StorageAccess.layout();
    }
}

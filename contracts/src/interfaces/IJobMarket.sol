// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {JobStatus, Parameters, PriceBreakdown, JobView, ParticipantView, NodeView} from "../types/JobTypes.sol";

/// @title IJobMarket
/// @notice Escrow, collateral and settlement for federated-learning jobs (SPEC.md). Every name here
/// is part of the product's ABI: the dApp, the GDS watcher, the scripts and the tests rely on it.
interface IJobMarket {
    // ───────────────────────────── events ─────────────────────────────

    /// @notice A node joined the registry with `role` (1 DO, 2 MPC) and `stake` added to its balance.
    event NodeRegistered(address indexed node, uint8 role, uint256 stake);
    /// @notice A node left the registry; its balance stays withdrawable.
    event NodeDeregistered(address indexed node);
    /// @notice `amount` was added to a node's free stake.
    event Deposited(address indexed account, uint256 amount);
    /// @notice `amount` left the contract to `account`.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice A node proved it is alive at `blockNumber`.
    event Heartbeat(address indexed node, uint256 blockNumber);
    /// @notice The admin changed the parameters; new jobs snapshot them.
    event ParametersUpdated(Parameters parameters);

    event JobOrdered(
        bytes16 indexed id,
        uint8 jobType,
        address indexed qc,
        address indexed gds,
        address[] dos,
        uint256 quote
    );
    event QuerySubmitted(bytes16 indexed id, address indexed qc, uint256 amount, uint256 totalPaid);
    event MpcsAssigned(bytes16 indexed id, address[] mpcs, uint256 mpcPrice);
    event JobDispatched(bytes16 indexed id, uint8 jobType, address[] dos, address[] mpcs);
    event JobStatusUpdated(bytes16 indexed id, address indexed participant, JobStatus status);
    event MpcReplacementRequested(bytes16 indexed id, address indexed requester, address indexed mpc);
    event MpcReplaced(bytes16 indexed id, address indexed oldMpc, address indexed newMpc, uint8 replacements);
    /// @notice `offender` lost `amount` of its collateral; reason 0 SelfReported, 1 HeartbeatTimeout,
    /// 2 NonCompliantResult.
    event Fined(bytes16 indexed id, address indexed offender, uint256 amount, uint8 reason);
    /// @notice Every credit a settlement makes to a participant or the GDS out of the job's money.
    event RewardDistributed(bytes16 indexed id, address[] recipients, uint256[] amounts);
    /// @notice Every return of the QC's payment.
    event Refund(bytes16 indexed id, address[] recipients, uint256[] amounts);
    event JobAborting(bytes16 indexed id, address indexed reporter);
    /// @notice The job reached `finalState` (4 Completed, 5 Failed, 6 Cancelled).
    event JobSettled(bytes16 indexed id, uint8 finalState);
    event CollateralLocked(bytes16 indexed id, address indexed node, uint256 amount);
    event CollateralReleased(bytes16 indexed id, address indexed node, uint256 amount);

    // ───────────────────────────── nodes and money ─────────────────────────────

    /// @notice Registers the caller as a node (role 1 DO, 2 MPC); msg.value adds to its stake.
    function registerNode(uint8 role) external payable;
    /// @notice Adds msg.value to a registered node's free stake.
    function deposit() external payable;
    /// @notice Sends `amount` of the caller's free stake / credited balance to the caller.
    function withdraw(uint256 amount) external;
    /// @notice Records the caller's liveness at the current block.
    function heartbeat() external;
    /// @notice Leaves the registry; only with no collateral locked.
    function deregisterNode() external;

    // ───────────────────────────── jobs ─────────────────────────────

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
    ) external;
    function submitQuery(bytes16 id) external payable;
    function assignMpcs(bytes16 id, address[] calldata mpcs, uint256 mpcPrice) external;
    function updateJobStatus(bytes16 id, JobStatus calldata status) external;
    function requestMpcReplacement(bytes16 id, address mpc) external;
    function replaceMpc(bytes16 id, address oldMpc, address newMpc) external;
    /// @notice reason 1 HeartbeatTimeout (anyone; each offender verified timed out), 2 NonCompliantResult (GDS).
    function reportFailure(bytes16 id, address[] calldata offenders, uint8 reason) external;
    function settleAbort(bytes16 id) external;
    function cancelJob(bytes16 id) external;

    // ───────────────────────────── admin ─────────────────────────────

    function setParameters(Parameters calldata parameters) external;
    function pause() external;
    function unpause() external;

    // ───────────────────────────── views ─────────────────────────────

    function getJob(bytes16 id) external view returns (JobView memory);
    /// @return dos the job's DOs, doPrices their prices (before the factor), mpcs its current MPCs
    function getParticipants(
        bytes16 id
    ) external view returns (address[] memory dos, uint256[] memory doPrices, address[] memory mpcs);
    /// @notice DOs first, then the current MPCs.
    function getProgress(bytes16 id) external view returns (ParticipantView[] memory);
    function priceOf(
        uint8 jobType,
        uint256[] calldata doPrices,
        uint32 modelComplexityFactor,
        uint8 mpcCount,
        uint256 mpcPrice,
        uint16 gdsFeeBps
    ) external pure returns (PriceBreakdown memory);
    /// @notice The collateral C every participant of job `id` locks.
    function collateralOf(bytes16 id) external view returns (uint256);
    /// @notice What cancelJob would fine the QC now (0 before dispatch).
    function cancellationFineOf(bytes16 id) external view returns (uint256);
    /// @notice Free stake / credited balance: what withdraw can take.
    function balanceOf(address account) external view returns (uint256);
    /// @notice Free and locked stake of an account.
    function stakeOf(address account) external view returns (uint256 free, uint256 locked);
    function getNode(address account) external view returns (NodeView memory);
    function isTimedOut(bytes16 id, address who) external view returns (bool);
    function jobCount() external view returns (uint256);
    function jobIdAt(uint256 index) external view returns (bytes16);
    function nodeCount() external view returns (uint256);
    function nodeAt(uint256 index) external view returns (address);
    function parameters() external view returns (Parameters memory);
    function version() external pure returns (string memory);
}

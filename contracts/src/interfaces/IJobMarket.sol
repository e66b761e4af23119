// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {
    JobStatus,
    Parameters,
    TrustParameters,
    NodeTerms,
    PriceBreakdown,
    JobView,
    ParticipantView,
    NodeView
} from "../types/JobTypes.sol";

/// @title IJobMarket
/// @notice Escrow, collateral and settlement for federated-learning jobs (SPEC.md). Every name here
/// is part of the product's ABI: the dApp, the GDS watcher, the scripts and the tests rely on it.
interface IJobMarket {
    // ───────────────────────────── errors ─────────────────────────────
    // Every error the market (or a library it delegates to) can raise. The dApp maps each name to
    // plain words; arguments carry the offending values.

    // nodes and money
    /// @notice `role` is not 1 (DO) or 2 (MPC).
    error JobMarketInvalidRole(uint8 role);
    /// @notice `node` is already registered with `role`.
    error JobMarketAlreadyRegistered(address node, uint8 role);
    /// @notice `account` is not a registered node.
    error JobMarketNotRegistered(address account);
    /// @notice `node` is registered with `role` but `required` was needed (or is not registered: role 0).
    error JobMarketWrongRole(address node, uint8 role, uint8 required);
    /// @notice `node` would keep `stake` (free + locked) below the minimum stake `minStake`.
    error JobMarketBelowMinStake(address node, uint256 stake, uint256 minStake);
    /// @notice `node` still has `locked` collateral in jobs.
    error JobMarketStakeLocked(address node, uint256 locked);
    /// @notice A deposit or withdrawal of zero.
    error JobMarketZeroAmount();
    /// @notice `account` asked for `amount` but its balance is only `balance`.
    error JobMarketInsufficientBalance(address account, uint256 balance, uint256 amount);
    /// @notice Moving `amount` of the asset between `account` and the market failed: a withdrawal the
    /// recipient refused, or a token transfer (from it, or to it) that the token refused.
    error JobMarketTransferFailed(address account, uint256 amount);
    /// @notice `amount` does not fit the contract's storage (at most `max`).
    error JobMarketAmountTooLarge(uint256 amount, uint256 max);
    /// @notice `node` is already in `activeJobs` unsettled jobs, the most one node can hold.
    error JobMarketTooManyJobs(address node, uint256 activeJobs);
    /// @notice `index` is past the end of a list of `length` entries.
    error JobMarketIndexOutOfRange(uint256 index, uint256 length);
    /// @notice Writing a job's DO list (a small data contract) failed.
    error JobMarketDoListWriteFailed();
    /// @notice msg.value must be `expected` (the amount named on the native coin, 0 on a token); `received`
    /// was sent.
    error JobMarketValueMismatch(uint256 expected, uint256 received);
    /// @notice `asset` cannot be the payment asset (not the native coin's zero, nor a contract whose
    /// decimals() is 2..18); or a permit function was called on a native-coin market (address 0).
    error JobMarketUnsupportedAsset(address asset);
    /// @notice The token moved `received` into the market where `expected` was paid (fee-on-transfer or
    /// rebasing tokens are refused).
    error JobMarketTokenAmountMismatch(uint256 expected, uint256 received);
    /// @notice The permit's `deadline` passed (now `timestamp`) and the allowance does not cover the amount.
    error JobMarketPermitExpired(uint256 deadline, uint256 timestamp);
    /// @notice The token refused `owner`'s permit for `amount` (not signed by it, or for another amount) and
    /// the allowance, `allowance`, does not cover it.
    error JobMarketPermitRejected(address owner, uint256 amount, uint256 allowance);

    // orders
    /// @notice The job id is zero.
    error JobMarketInvalidJobId(bytes16 id);
    /// @notice A job with this id already exists.
    error JobMarketJobExists(bytes16 id);
    /// @notice No job with this id.
    error JobMarketUnknownJob(bytes16 id);
    /// @notice The job is in `state`, where this call is not allowed.
    error JobMarketWrongState(bytes16 id, uint8 state);
    /// @notice `jobType` is not 0 (Horizontal) or 1 (Vertical).
    error JobMarketInvalidJobType(uint8 jobType);
    /// @notice An address that must be set is zero.
    error JobMarketZeroAddress();
    /// @notice Two lists that must have the same length do not.
    error JobMarketLengthMismatch(uint256 length, uint256 otherLength);
    /// @notice `count` participants given; between `min` and `max` are needed.
    error JobMarketParticipantCount(uint256 count, uint256 min, uint256 max);
    /// @notice The model complexity factor must be at least 1.
    error JobMarketInvalidFactor(uint32 modelComplexityFactor);
    /// @notice totalEpochs must be at least 1 and below ALL (0xffffffff).
    error JobMarketInvalidTotalEpochs(uint32 totalEpochs);
    /// @notice A DO or MPC price of zero (`participant` is the node it was meant for).
    error JobMarketZeroPrice(address participant);
    /// @notice `node` appears twice in job `id`, or is already one of its participants.
    error JobMarketDuplicateParticipant(bytes16 id, address node);
    /// @notice `node` has only `free` unlocked stake; the job needs `required` as collateral.
    error JobMarketInsufficientFreeStake(address node, uint256 free, uint256 required);
    /// @notice The order expired at block `expiredAtBlock`; it can only be cancelled.
    error JobMarketOrderExpired(bytes16 id, uint256 expiredAtBlock);
    /// @notice Only the QC or the GDS may cancel the order before block `expiresAtBlock`.
    error JobMarketOrderNotExpired(bytes16 id, uint256 expiresAtBlock);
    /// @notice `node`'s terms (docs/rules.md §11.1) refuse this job: not accepting, another GDS, a fee below its
    /// minimum or a collateral above its maximum.
    error JobMarketTermsRejected(address node);
    /// @notice The job's total price is now `total`, above the `maxTotal` the QC signed.
    error JobMarketPriceAboveLimit(bytes16 id, uint256 total, uint256 maxTotal);
    /// @notice Cancelling now would fine the QC `fine`, above the `maxFine` it signed.
    error JobMarketFineAboveLimit(bytes16 id, uint256 fine, uint256 maxFine);

    // who may call
    /// @notice `caller` is not the QC of job `id`.
    error JobMarketNotQc(bytes16 id, address caller);
    /// @notice `account` is not a current participant of job `id`.
    error JobMarketNotParticipant(bytes16 id, address account);
    /// @notice `caller` may not do this on job `id` (e.g. the GDS cancelling after dispatch, or a GDS acting on
    /// a job another GDS placed).
    error JobMarketUnauthorized(bytes16 id, address caller);
    /// @notice `account` may not take this part in job `id`: the GDS as its own QC or participant, or an
    /// arbiter that is the job's GDS, QC or a participant.
    error JobMarketConflictOfInterest(bytes16 id, address account);

    // progress
    /// @notice `taskType` is not accepted from `participant` in job `id` (job type, role, or PSI stage).
    error JobMarketInvalidTaskType(bytes16 id, address participant, uint8 taskType);
    /// @notice `status` is not 0..3.
    error JobMarketInvalidStatus(uint8 status);
    /// @notice `epoch` is not below the job's `totalEpochs` and not ALL.
    error JobMarketEpochOutOfRange(bytes16 id, uint32 epoch, uint32 totalEpochs);
    /// @notice Epoch ALL requires batch ALL.
    error JobMarketInvalidBatch(uint32 epoch, uint32 batch);
    /// @notice The update (taskType, epoch, batch) is behind what `participant` already reported.
    error JobMarketProgressRegressed(bytes16 id, address participant, uint8 taskType, uint32 epoch, uint32 batch);
    /// @notice In a Vertical job, Training starts only after (PSI, ALL, ALL, Completed).
    error JobMarketPsiNotComplete(bytes16 id, address participant);
    /// @notice `participant` reported Failed or completed its part: it sends no further updates.
    error JobMarketParticipantFinished(bytes16 id, address participant);

    // failures and replacements
    /// @notice reportFailure takes reason 1 (HeartbeatTimeout) or 2 (NonCompliantResult).
    error JobMarketInvalidReason(uint8 reason);
    /// @notice reportFailure needs at least one offender.
    error JobMarketNoOffenders(bytes16 id);
    /// @notice `who` is not timed out in job `id`.
    error JobMarketNotTimedOut(bytes16 id, address who);
    /// @notice Only the GDS may settle the abort before block `untilBlock`.
    error JobMarketGraceNotOver(bytes16 id, uint256 untilBlock);
    /// @notice Job `id` already had its `max` MPC replacements; the GDS must report a failure.
    error JobMarketReplacementLimit(bytes16 id, uint8 max);
    /// @notice `mpc` has no pending replacement request, no Failed report and is not timed out.
    error JobMarketReplacementNotAllowed(bytes16 id, address mpc);

    // judgements (docs/rules.md §11.7)
    /// @notice `account` is not named in job `id`'s judgement.
    error JobMarketNotNamed(bytes16 id, address account);
    /// @notice The judgement of job `id` could be challenged only before block `deadline`.
    error JobMarketChallengeWindowOver(bytes16 id, uint256 deadline);
    /// @notice The judgement of job `id` can still be challenged until block `deadline`: it settles after.
    error JobMarketChallengeWindowOpen(bytes16 id, uint256 deadline);
    /// @notice The arbiter could rule on job `id` only before block `deadline`.
    error JobMarketArbitrationOver(bytes16 id, uint256 deadline);
    /// @notice The arbiter may still rule on job `id` until block `deadline`.
    error JobMarketArbitrationPending(bytes16 id, uint256 deadline);

    // admin
    /// @notice A parameter is out of bounds (bps above 10000, shares not summing to 10000, zero durations, limits).
    error JobMarketInvalidParameters();

    // ───────────────────────────── events ─────────────────────────────

    /// @notice A node joined the registry with `role` (1 DO, 2 MPC) and `stake` added to its balance.
    event NodeRegistered(address indexed node, uint8 role, uint256 stake);
    /// @notice A node left the registry; its balance stays withdrawable.
    event NodeDeregistered(address indexed node);
    /// @notice `amount` was added to a node's free stake (or a GDS's balance).
    event Deposited(address indexed account, uint256 amount);
    /// @notice `amount` left the contract to `account`.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice A node proved it is alive at `blockNumber`.
    event Heartbeat(address indexed node, uint256 blockNumber);
    /// @notice The admin changed the parameters; new jobs snapshot them.
    event ParametersUpdated(Parameters parameters);
    /// @notice The admin changed the release-2 parameters; new jobs snapshot them.
    event TrustParametersUpdated(TrustParameters parameters);
    /// @notice `node` set its standing terms; they bind every order placed after this.
    event NodeTermsSet(address indexed node, NodeTerms terms);

    /// @notice The GDS `gds` placed job `id` for `qc` with these DOs and quote; the DOs locked their collateral.
    event JobOrdered(
        bytes16 indexed id,
        uint8 jobType,
        address indexed qc,
        address indexed gds,
        address[] dos,
        uint256 quote
    );
    /// @notice The QC paid `amount` into job `id` (`totalPaid` so far); also its consent to an assigned price.
    event QuerySubmitted(bytes16 indexed id, address indexed qc, uint256 amount, uint256 totalPaid);
    /// @notice The GDS assigned `mpcs` to job `id` at `mpcPrice` each.
    event MpcsAssigned(bytes16 indexed id, address[] mpcs, uint256 mpcPrice);
    /// @notice Job `id` is paid for and has its MPCs: the participants may start.
    event JobDispatched(bytes16 indexed id, uint8 jobType, address[] dos, address[] mpcs);
    /// @notice `participant` reported `status` in job `id` (also a heartbeat for that job).
    event JobStatusUpdated(bytes16 indexed id, address indexed participant, JobStatus status);
    /// @notice `requester` (a DO, or a Horizontal MPC reporting its own failure) asked to replace `mpc`.
    event MpcReplacementRequested(bytes16 indexed id, address indexed requester, address indexed mpc);
    /// @notice The GDS replaced `oldMpc` with `newMpc`; `replacements` so far in this job.
    event MpcReplaced(bytes16 indexed id, address indexed oldMpc, address indexed newMpc, uint8 replacements);
    /// @notice `offender` lost `amount` of its collateral; reason 0 SelfReported, 1 HeartbeatTimeout,
    /// 2 NonCompliantResult.
    event Fined(bytes16 indexed id, address indexed offender, uint256 amount, uint8 reason);
    /// @notice Every credit a settlement makes to a participant or the GDS out of the job's money.
    event RewardDistributed(bytes16 indexed id, address[] recipients, uint256[] amounts);
    /// @notice Every return of the QC's payment.
    event Refund(bytes16 indexed id, address[] recipients, uint256[] amounts);
    /// @notice `reporter` reported its own failure: job `id` is frozen until settleAbort.
    event JobAborting(bytes16 indexed id, address indexed reporter);
    /// @notice The job reached `finalState` (4 Completed, 5 Failed, 6 Cancelled).
    event JobSettled(bytes16 indexed id, uint8 finalState);
    /// @notice `amount` of `node`'s free stake is locked as collateral of job `id`.
    event CollateralLocked(bytes16 indexed id, address indexed node, uint256 amount);
    /// @notice `amount` of `node`'s collateral in job `id` went back to its free stake.
    event CollateralReleased(bytes16 indexed id, address indexed node, uint256 amount);
    /// @notice The GDS `gds` locked `amount` of its balance as the bond of its judgement of job `id`.
    event BondLocked(bytes16 indexed id, address indexed gds, uint256 amount);
    /// @notice The GDS judged `offenders` (the named participants) non-compliant; job `id` is Judged until
    /// block `challengeDeadline` (a named participant may challenge before it).
    event JobJudged(
        bytes16 indexed id,
        address indexed gds,
        address[] offenders,
        uint256 bond,
        uint256 challengeDeadline
    );
    /// @notice `challenger` challenged the judgement of job `id`: it goes to the arbiter.
    event JudgementChallenged(bytes16 indexed id, address indexed challenger);
    /// @notice The arbiter upheld the judgement of `upheld` (the others named are overturned) and settled the job.
    event ChallengeResolved(bytes16 indexed id, address indexed arbiter, address[] upheld);
    /// @notice `amount` of the judgement bond of job `id` went back to the GDS's balance.
    event BondReleased(bytes16 indexed id, address indexed gds, uint256 amount);

    // ───────────────────────────── nodes and money ─────────────────────────────

    /// @notice Registers the caller as a node (role 1 DO, 2 MPC); `amount` adds to its stake.
    function registerNode(uint8 role, uint256 amount) external payable;
    /// @notice Adds `amount` to the free stake of a registered node or the balance of a GDS (judgement bonds).
    function deposit(uint256 amount) external payable;
    /// @notice Sets the caller's standing terms (also before registering): binding for orders placed after.
    function setNodeTerms(NodeTerms calldata terms) external;
    /// @notice registerNode paying with an EIP-2612 permit for exactly `amount` (token markets).
    function registerNodeWithPermit(
        uint8 role,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;
    /// @notice deposit paying with an EIP-2612 permit for exactly `amount` (token markets).
    function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
    /// @notice Sends `amount` of the caller's free stake / credited balance to the caller.
    function withdraw(uint256 amount) external;
    /// @notice Records the caller's liveness at the current block.
    function heartbeat() external;
    /// @notice Leaves the registry; only with no collateral locked.
    function deregisterNode() external;

    // ───────────────────────────── jobs ─────────────────────────────

    /// @notice The GDS orders job `id` from `dos` at `doPrices` for `qc`; each DO locks C (GDS_ROLE; not paused).
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
    /// @notice The QC pays `amount` (or tops up, or consents to the assigned price) for job `id` (not paused);
    /// reverts if the job's total is now above `maxTotal`.
    function submitQuery(bytes16 id, uint256 amount, uint256 maxTotal) external payable;
    /// @notice submitQuery paying with an EIP-2612 permit for exactly `amount` (token markets).
    function submitQueryWithPermit(
        bytes16 id,
        uint256 amount,
        uint256 maxTotal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;
    /// @notice The GDS picks (or re-picks, before dispatch) the job's MPCs at `mpcPrice` each; each locks C.
    function assignMpcs(bytes16 id, address[] calldata mpcs, uint256 mpcPrice) external;
    /// @notice A DO or current MPC of dispatched job `id` reports its progress (or its failure).
    function updateJobStatus(bytes16 id, JobStatus calldata status) external;
    /// @notice A DO of job `id` asks the GDS to replace `mpc`.
    function requestMpcReplacement(bytes16 id, address mpc) external;
    /// @notice The GDS replaces `oldMpc` (requested, failed or timed out) with `newMpc` (GDS_ROLE).
    function replaceMpc(bytes16 id, address oldMpc, address newMpc) external;
    /// @notice reason 1 HeartbeatTimeout (anyone; each offender verified timed out) settles the job;
    /// 2 NonCompliantResult (the job's GDS, with a bond) judges it: Judged until the challenge window ends.
    function reportFailure(bytes16 id, address[] calldata offenders, uint8 reason) external;
    /// @notice Settles an Aborting job: the GDS at once, anyone after abortGraceBlocks.
    function settleAbort(bytes16 id) external;
    /// @notice Cancels job `id`: before dispatch (QC, its GDS, or anyone once expired) with a full refund;
    /// after dispatch (QC only) with cancelFineBps of the total price shared among the participants and the GDS.
    /// Reverts if the fine would now be above `maxFine`.
    function cancelJob(bytes16 id, uint256 maxFine) external;
    /// @notice A named participant challenges the judgement of job `id` (before the window ends).
    function challengeJudgement(bytes16 id) external;
    /// @notice The arbiter upholds the judgement of `upheld` (every other named one is overturned) and
    /// settles the challenged job `id` (ARBITER_ROLE; not the job's GDS, QC or a participant).
    function resolveChallenge(bytes16 id, address[] calldata upheld) external;
    /// @notice Settles a judgement: upheld once the window passed unchallenged, overturned once the
    /// arbitration deadline passed unruled (anyone).
    function settleJudgement(bytes16 id) external;

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Sets the parameters new jobs snapshot (DEFAULT_ADMIN_ROLE).
    function setParameters(Parameters calldata parameters) external;
    /// @notice Sets the release-2 parameters new jobs snapshot (DEFAULT_ADMIN_ROLE).
    function setTrustParameters(TrustParameters calldata parameters) external;
    /// @notice Stops placeOrder and submitQuery (PAUSER_ROLE).
    function pause() external;
    /// @notice Resumes placeOrder and submitQuery (PAUSER_ROLE).
    function unpause() external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice Everything about job `id`.
    function getJob(bytes16 id) external view returns (JobView memory);
    /// @notice The participants of job `id`.
    /// @return dos the job's DOs, doPrices their prices (before the factor), mpcs its current MPCs
    function getParticipants(
        bytes16 id
    ) external view returns (address[] memory dos, uint256[] memory doPrices, address[] memory mpcs);
    /// @notice DOs first, then the current MPCs.
    function getProgress(bytes16 id) external view returns (ParticipantView[] memory);
    /// @notice The price of a job with these terms (SPEC.md section 3).
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
    /// @notice An account's registration, money, liveness and terms.
    function getNode(address account) external view returns (NodeView memory);
    /// @notice The terms `node` orders are checked against (a node that never set any: accepting, any GDS,
    /// any fee, any collateral up to its free stake).
    function termsOf(address node) external view returns (NodeTerms memory);
    /// @notice Whether `who` is timed out in job `id` (now if Dispatched, at the abort block if Aborting, at
    /// the judgement block if Judged or Challenged).
    function isTimedOut(bytes16 id, address who) external view returns (bool);
    /// @notice How many jobs were ever placed.
    function jobCount() external view returns (uint256);
    /// @notice The id of the `index`-th job placed.
    function jobIdAt(uint256 index) external view returns (bytes16);
    /// @notice How many accounts ever registered as nodes.
    function nodeCount() external view returns (uint256);
    /// @notice The `index`-th account that registered as a node.
    function nodeAt(uint256 index) external view returns (address);
    /// @notice The current parameters.
    function parameters() external view returns (Parameters memory);
    /// @notice The current release-2 parameters.
    function trustParameters() external view returns (TrustParameters memory);
    /// @notice What the market owes in total: balances, locked collateral, unsettled payments, bonds.
    function holdings() external view returns (uint256);
    /// @notice The payment asset: zero for the native coin, else the ERC-20 every amount is in.
    function asset() external view returns (address);
    /// @notice The implementation's version.
    function version() external pure returns (string memory);
}

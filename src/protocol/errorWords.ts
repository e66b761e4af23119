import type { Hex } from "viem";
import { shortAddress } from "./address.ts";
import { jobStateName, roleName, taskTypeName, formatStep } from "./enums.ts";
import { shortJobId } from "./jobId.ts";
import { roleNameOf } from "./accessRoles.ts";
import type { AmountUnit } from "./asset.ts";
import { formatAmount } from "./units.ts";

type Args = readonly unknown[];
/** `unit` is the market's payment asset: every amount in an error is in its smallest unit. */
type Words = (args: Args, unit: AmountUnit) => string;

// Argument readers: the decoded args arrive as unknown; these make the sentences short.
const a = (args: Args, i: number) => shortAddress(String(args[i]));
const id = (args: Args, i: number) => `job ${shortJobId(args[i] as Hex)}`;
const coin = (args: Args, i: number, unit: AmountUnit) => formatAmount(BigInt(args[i] as bigint), unit);
const n = (args: Args, i: number) => String(args[i]);
const block = (args: Args, i: number) => `block ${String(args[i])}`;

/** Every custom error the market, its libraries and OpenZeppelin can raise, in words. */
export const errorWords: Record<string, Words> = {
  // nodes and money
  JobMarketInvalidRole: (x) => `Role ${n(x, 0)} does not exist: choose DO or MPC.`,
  JobMarketAlreadyRegistered: (x) => `${a(x, 0)} is already registered as ${roleName(Number(x[1]))}.`,
  JobMarketNotRegistered: (x) => `${a(x, 0)} is not a registered node: register first.`,
  JobMarketWrongRole: (x) =>
    `${a(x, 0)} is ${Number(x[1]) === 0 ? "not a registered node" : `a ${roleName(Number(x[1]))}`}; this needs a ${roleName(Number(x[2]))}.`,
  JobMarketBelowMinStake: (x, s) =>
    `${a(x, 0)} would keep ${coin(x, 1, s)} staked, below the minimum stake of ${coin(x, 2, s)}.`,
  JobMarketStakeLocked: (x, s) =>
    `${a(x, 0)} still has ${coin(x, 1, s)} locked in jobs; wait until they settle.`,
  JobMarketZeroAmount: () => "The amount must be above zero.",
  JobMarketInsufficientBalance: (x, s) =>
    `${a(x, 0)} has only ${coin(x, 1, s)} available, less than the ${coin(x, 2, s)} asked for.`,
  JobMarketTransferFailed: (x, s) =>
    `Moving ${coin(x, 1, s)} between ${a(x, 0)} and the market failed: a payment needs that much in the wallet and allowed to the market; a withdrawal needs an account that accepts it.`,
  JobMarketAmountTooLarge: (x, s) =>
    `${coin(x, 0, s)} is more than the contract can hold (at most ${coin(x, 1, s)}).`,
  JobMarketTooManyJobs: (x) =>
    `${a(x, 0)} is already in ${n(x, 1)} unsettled jobs, the most one node can hold; pick another node.`,
  JobMarketIndexOutOfRange: (x) => `Index ${n(x, 0)} is past the end of a list of ${n(x, 1)}.`,
  JobMarketDoListWriteFailed: () => "Storing the job's DO list failed; try again with fewer DOs.",
  JobMarketValueMismatch: (x, s) =>
    `The transaction sent ${coin(x, 1, s)} but names an amount of ${coin(x, 0, s)}; they must be equal.`,
  // the payment asset (docs/rules.md §12)
  JobMarketUnsupportedAsset: (x) =>
    BigInt(String(x[0])) === 0n
      ? "This market takes the native coin: pay without a permit."
      : `${a(x, 0)} cannot be the payment asset: it must be an ERC-20 token with 2 to 18 decimals.`,
  JobMarketTokenAmountMismatch: (x, s) =>
    `The token moved ${coin(x, 1, s)} where ${coin(x, 0, s)} was paid: tokens that charge a fee on transfer are refused; nothing was credited.`,
  JobMarketPermitExpired: (x) =>
    `The signed permit expired (deadline ${n(x, 0)}, now ${n(x, 1)}) and the allowance does not cover the amount: sign again.`,
  JobMarketPermitRejected: (x, s) =>
    `The token refused ${a(x, 0)}'s permit for ${coin(x, 1, s)} (wrong signer or amount) and the allowance is only ${coin(x, 2, s)}: sign again.`,
  // the token's own errors (OpenZeppelin ERC-20, IERC6093), e.g. from an approve
  ERC20InsufficientBalance: (x, s) =>
    `${a(x, 0)} holds only ${coin(x, 1, s)} of the token, less than the ${coin(x, 2, s)} needed.`,
  ERC20InsufficientAllowance: (x, s) =>
    `${a(x, 0)} may move only ${coin(x, 1, s)} of the token, less than the ${coin(x, 2, s)} needed: approve or sign a permit first.`,
  ERC20InvalidSender: (x) => `The token refuses to move tokens from ${a(x, 0)}.`,
  ERC20InvalidReceiver: (x) => `The token refuses to move tokens to ${a(x, 0)}.`,
  ERC20InvalidApprover: (x) => `The token refuses an allowance from ${a(x, 0)}.`,
  ERC20InvalidSpender: (x) => `The token refuses an allowance to ${a(x, 0)}.`,
  ERC2612ExpiredSignature: (x) => `The signed permit expired (deadline ${n(x, 0)}): sign again.`,
  ERC2612InvalidSigner: (x) =>
    `The permit was signed by ${a(x, 0)}, not by the paying account ${a(x, 1)}: sign again with it.`,
  DemoTetherResetAllowanceFirst: (x, s) =>
    `The token lets ${a(x, 0)} take ${coin(x, 1, s)} already and changes a non-zero allowance only through 0: set it to 0 first.`,
  // trust (docs/rules.md §11)
  JobMarketTermsRejected: (x) =>
    `${a(x, 0)}'s terms refuse this job (not accepting, another GDS, a fee below its minimum or collateral above its maximum).`,
  JobMarketPriceAboveLimit: (x, s) =>
    `The price of the ${id(x, 0)} is now ${coin(x, 1, s)}, above the ${coin(x, 2, s)} you agreed to; nothing was paid. Check the new price.`,
  JobMarketFineAboveLimit: (x, s) =>
    `Cancelling the ${id(x, 0)} would now cost ${coin(x, 1, s)}, more than the ${coin(x, 2, s)} you agreed to (it was dispatched meanwhile?); nothing was cancelled.`,
  JobMarketConflictOfInterest: (x) =>
    `${a(x, 1)} may not take this part in the ${id(x, 0)}: it is the job's GDS, QC or a participant.`,
  JobMarketNotNamed: (x) => `${a(x, 1)} is not named in the judgement of the ${id(x, 0)}.`,
  JobMarketChallengeWindowOver: (x) =>
    `The judgement of the ${id(x, 0)} could be challenged only before ${block(x, 1)}.`,
  JobMarketChallengeWindowOpen: (x) =>
    `The judgement of the ${id(x, 0)} can still be challenged until ${block(x, 1)}; it settles after that.`,
  JobMarketArbitrationOver: (x) =>
    `The arbiter could rule on the ${id(x, 0)} only before ${block(x, 1)}; it now settles as overturned.`,
  JobMarketArbitrationPending: (x) => `The arbiter may still rule on the ${id(x, 0)} until ${block(x, 1)}.`,
  // orders
  JobMarketInvalidJobId: () => "The job id is zero: generate a new one.",
  JobMarketJobExists: (x) =>
    `A job with the id ${shortJobId(x[0] as Hex)} already exists: generate a new id.`,
  JobMarketUnknownJob: (x) => `There is no job with the id ${shortJobId(x[0] as Hex)}.`,
  JobMarketWrongState: (x) =>
    `The ${id(x, 0)} is ${jobStateName(Number(x[1]))}: this is not allowed in that state.`,
  JobMarketInvalidJobType: (x) => `Job type ${n(x, 0)} does not exist: choose Horizontal or Vertical.`,
  JobMarketZeroAddress: () => "An address is missing (zero).",
  JobMarketLengthMismatch: (x) =>
    `Two lists must have the same length but have ${n(x, 0)} and ${n(x, 1)} entries.`,
  JobMarketParticipantCount: (x) =>
    `${n(x, 0)} participants given; between ${n(x, 1)} and ${n(x, 2)} are needed.`,
  JobMarketInvalidFactor: () => "The model complexity factor must be at least 1.",
  JobMarketInvalidTotalEpochs: () => "The number of epochs must be at least 1.",
  JobMarketZeroPrice: (x) => `The price for ${a(x, 0)} is zero; every participant needs a price above zero.`,
  JobMarketDuplicateParticipant: (x) => `${a(x, 1)} is already a participant of the ${id(x, 0)}.`,
  JobMarketInsufficientFreeStake: (x, s) =>
    `${a(x, 0)} has only ${coin(x, 1, s)} of free stake; the job needs ${coin(x, 2, s)} as collateral.`,
  JobMarketOrderExpired: (x) =>
    `The order of the ${id(x, 0)} expired at ${block(x, 1)}; it can only be cancelled.`,
  JobMarketOrderNotExpired: (x) =>
    `Only the QC or the GDS may cancel the ${id(x, 0)} before ${block(x, 1)}, when its order expires.`,
  // who may call
  JobMarketNotQc: (x) => `${a(x, 1)} is not the QC of the ${id(x, 0)}.`,
  JobMarketNotParticipant: (x) => `${a(x, 1)} is not a current participant of the ${id(x, 0)}.`,
  JobMarketUnauthorized: (x) => `${a(x, 1)} may not do this on the ${id(x, 0)}.`,
  // progress
  JobMarketInvalidTaskType: (x) =>
    `${taskTypeName(Number(x[2]))} is not a task ${a(x, 1)} can report in the ${id(x, 0)}.`,
  JobMarketInvalidStatus: (x) => `Status ${n(x, 0)} does not exist.`,
  JobMarketEpochOutOfRange: (x) =>
    `Epoch ${formatStep(Number(x[1]))} is out of range: the ${id(x, 0)} has ${n(x, 2)} epochs (0 to ${Number(x[2]) - 1}, or ALL).`,
  JobMarketInvalidBatch: () => "Epoch ALL needs batch ALL.",
  JobMarketProgressRegressed: (x) =>
    `${a(x, 1)} already reported more progress than ${taskTypeName(Number(x[2]))} epoch ${formatStep(Number(x[3]))} batch ${formatStep(Number(x[4]))}; progress cannot go backwards.`,
  JobMarketPsiNotComplete: (x) => `${a(x, 1)} must finish PSI (PSI, ALL, ALL, Completed) before training.`,
  JobMarketParticipantFinished: (x) =>
    `${a(x, 1)} already completed its part or reported a failure in the ${id(x, 0)}: no more updates.`,
  // failures and replacements
  JobMarketInvalidReason: (x) =>
    `Failure reason ${n(x, 0)} is not reportable: use heartbeat timeout or non-compliant result.`,
  JobMarketNoOffenders: () => "Name at least one participant to report.",
  JobMarketNotTimedOut: (x) => `${a(x, 1)} has not timed out in the ${id(x, 0)}.`,
  JobMarketGraceNotOver: (x) => `Only the GDS may settle the ${id(x, 0)} before ${block(x, 1)}.`,
  JobMarketReplacementLimit: (x) =>
    `The ${id(x, 0)} already had its ${n(x, 1)} MPC replacements; report a failure instead.`,
  JobMarketReplacementNotAllowed: (x) =>
    `${a(x, 1)} can only be replaced after a replacement request, a failure report or a timeout.`,
  // admin
  JobMarketInvalidParameters: () =>
    "A parameter is out of bounds: bps at most 10,000, each share triple summing to 10,000, durations and limits above zero.",
  // OpenZeppelin
  AccessControlUnauthorizedAccount: (x) =>
    `${a(x, 0)} lacks the ${roleNameOf(String(x[1]))} needed for this.`,
  AccessControlBadConfirmation: () => "An account can only renounce its own roles.",
  EnforcedPause: () => "The market is paused: no new orders or payments until an admin unpauses it.",
  ExpectedPause: () => "The market is not paused.",
  ReentrancyGuardReentrantCall: () => "A call re-entered the contract and was refused.",
  InvalidInitialization: () => "The contract is already initialized.",
  NotInitializing: () => "This may only run during initialization.",
  UUPSUnauthorizedCallContext: () => "Upgrades must go through the proxy.",
  UUPSUnsupportedProxiableUUID: () => "The new implementation is not a compatible UUPS implementation.",
  ERC1967InvalidImplementation: (x) => `${a(x, 0)} has no contract code to upgrade to.`,
  ERC1967NonPayable: () => "This upgrade call must not send coins.",
  AddressEmptyCode: (x) => `${a(x, 0)} has no contract code.`,
  FailedCall: () => "An inner call failed.",
  InsufficientBalance: (x, s) =>
    `The contract holds ${coin(x, 0, s)}, less than the ${coin(x, 1, s)} needed.`,
  SafeCastOverflowedUintDowncast: (x) => `The value ${n(x, 1)} does not fit in ${n(x, 0)} bits.`,
  MathOverflowedMulDiv: () => "An amount is too large to compute with.",
};

/** The plain sentence for a decoded custom error; unknown names still say what the contract said. */
export function wordsForError(name: string, args: Args, unit: AmountUnit): string {
  const words = errorWords[name];
  if (words) return words(args, unit);
  return `The contract refused the transaction (${name}${args.length ? `: ${args.map(String).join(", ")}` : ""}).`;
}

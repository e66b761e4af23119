// Builders of view structs for tests: every field present, overridable per test.
import type { JobView, MarketParameters, NodeView, ParticipantView } from "../views.ts";

/** The contract's parameters as initialize sets them. */
export function marketParameters(over: Partial<MarketParameters> = {}): MarketParameters {
  return {
    timeoutBlocks: 3600,
    orderExpiryBlocks: 3600,
    abortGraceBlocks: 100,
    gdsFeeBps: 1000,
    selfReportFineBps: 8000,
    detectedFineBps: 10000,
    cancelFineBps: 6000,
    maxMpcReplacements: 3,
    maxDosPerJob: 100,
    maxMpcsPerJob: 16,
    minStake: 0n,
    horizontalShares: [1250, 3750, 5000],
    verticalShares: [1000, 4500, 4500],
    ...over,
  };
}

export function jobView(over: Partial<JobView> = {}): JobView {
  const p = marketParameters();
  return {
    id: "0x123e4567e89b42d3a456426614174000",
    state: 2,
    jobType: 0,
    qc: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    gds: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    modelComplexityFactor: 1,
    mpcCount: 1,
    totalEpochs: 2,
    replacements: 0,
    mpcsAssigned: true,
    consentNeeded: false,
    quote: 1100n,
    mpcPrice: 100n,
    totalPrice: 1100n,
    collateral: 1000n,
    paid: 1100n,
    orderedAt: 10n,
    dispatchedAt: 12n,
    abortedAt: 0n,
    settledAt: 0n,
    abortReporter: "0x0000000000000000000000000000000000000000",
    abortReporterLate: false,
    judgedAt: 0n,
    challengeDeadline: 0n,
    arbitrationDeadline: 0n,
    bond: 0n,
    named: [],
    challenger: "0x0000000000000000000000000000000000000000",
    // A Horizontal job snapshots the parameters with the Horizontal shares.
    params: {
      timeoutBlocks: p.timeoutBlocks,
      orderExpiryBlocks: p.orderExpiryBlocks,
      abortGraceBlocks: p.abortGraceBlocks,
      gdsFeeBps: p.gdsFeeBps,
      selfReportFineBps: p.selfReportFineBps,
      detectedFineBps: p.detectedFineBps,
      cancelFineBps: p.cancelFineBps,
      maxMpcReplacements: p.maxMpcReplacements,
      shares: p.horizontalShares,
      challengeWindowBlocks: 7200,
      arbitrationBlocks: 50400,
      judgementBondBps: 1000,
    },
    ...over,
  };
}

export function participant(over: Partial<ParticipantView> = {}): ParticipantView {
  return {
    account: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    role: 1,
    fee: 1000n,
    lastStatus: { taskType: 0, epoch: 0, batch: 0, status: 0 },
    reported: false,
    completedEpochs: 0,
    lastSeen: 12n,
    partComplete: false,
    failed: false,
    timedOut: false,
    replacementRequested: false,
    named: false,
    ...over,
  };
}

export function nodeView(over: Partial<NodeView> = {}): NodeView {
  return {
    account: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
    role: 2,
    balance: 5000n,
    locked: 0n,
    lastHeartbeat: 100n,
    activeJobs: 0,
    termsSet: false,
    terms: {
      accepting: true,
      gds: "0x0000000000000000000000000000000000000000",
      minFee: 0n,
      maxCollateral: 0n,
    },
    ...over,
  };
}

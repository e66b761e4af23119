// The indexer's tables: what the market's events say, shaped for the pages that read them (see
// README.md for the query of each page). Amounts are bigint (NUMERIC(78,0)) in the asset's smallest
// unit; blocks are bigint; states, roles and statuses are the numbers of src/protocol/enums.ts.
// Indexes serve the pages' filters; Ponder creates them once the backfill is done.
import { index, onchainEnum, onchainTable, primaryKey, relations } from "ponder";

/** One row per job: its parties, lifecycle blocks and money. */
export const job = onchainTable(
  "job",
  (t) => ({
    id: t.hex().primaryKey(),
    jobType: t.integer().notNull(),
    qc: t.hex().notNull(),
    gds: t.hex().notNull(),
    /** JobState: 1 Ordered … 6 Cancelled (7 Judged, 8 Challenged in release 2). */
    state: t.integer().notNull(),
    quote: t.bigint().notNull(),
    /** Each MPC's price; 0 until MPCs are assigned. */
    mpcPrice: t.bigint().notNull(),
    /** The total price once MPCs are assigned (docs/rules.md §3); null before, or when the terms are unknown. */
    totalPrice: t.bigint(),
    /**
     * The order's terms that JobOrdered does not carry, read from the placeOrder call itself; null when
     * the order came through another contract (a multisig GDS), whose calldata is not placeOrder's.
     */
    doPrices: t.bigint().array(),
    totalEpochs: t.bigint(),
    modelComplexityFactor: t.bigint(),
    mpcCount: t.integer(),
    /** C, the collateral every participant locks. */
    collateral: t.bigint().notNull(),
    dos: t.hex().array().notNull(),
    /** The current MPCs (empty until assigned). */
    mpcs: t.hex().array().notNull(),
    /**
     * Every node that locked collateral in the job (its DOs, and each MPC ever assigned, replaced ones
     * too): a node's page lists its jobs by `nodes_has` with the job's own state filter, which a
     * filter on `participant` cannot express (Ponder's GraphQL has no filter through a relation).
     */
    nodes: t.hex().array().notNull(),
    /** What the QC's payment into the job holds now (0 once settled). */
    escrow: t.bigint().notNull(),
    /** Everything the QC ever paid into the job. */
    paid: t.bigint().notNull(),
    fined: t.bigint().notNull(),
    rewarded: t.bigint().notNull(),
    refunded: t.bigint().notNull(),
    replacements: t.integer().notNull(),
    statusUpdates: t.integer().notNull(),
    /** The parameters the job snapshotted at placeOrder (the ParametersUpdated in force then). */
    timeoutBlocks: t.integer().notNull(),
    orderExpiryBlocks: t.integer().notNull(),
    gdsFeeBps: t.integer().notNull(),
    /** The trust parameters it snapshotted (docs/rules.md §11.7): the TrustParametersUpdated in force then. */
    challengeWindowBlocks: t.integer().notNull(),
    arbitrationBlocks: t.integer().notNull(),
    judgementBondBps: t.integer().notNull(),
    /** The judgement's bond (BondLocked; 0 without a judgement), what went back to the GDS, what was forfeited. */
    bond: t.bigint().notNull(),
    bondReleased: t.bigint().notNull(),
    bondForfeited: t.bigint().notNull(),
    orderedBlock: t.bigint().notNull(),
    orderedAt: t.bigint().notNull(),
    dispatchedBlock: t.bigint(),
    abortedBlock: t.bigint(),
    abortReporter: t.hex(),
    /** Release 2's judgement (the `judgement` row has the rest). */
    judgedBlock: t.bigint(),
    challengedBlock: t.bigint(),
    settledBlock: t.bigint(),
    settledAt: t.bigint(),
    /** The block of the job's latest event. */
    lastEventBlock: t.bigint().notNull(),
  }),
  (table) => ({
    qcIdx: index().on(table.qc, table.orderedBlock),
    gdsIdx: index().on(table.gds, table.orderedBlock),
    stateIdx: index().on(table.state, table.orderedBlock),
    orderedIdx: index().on(table.orderedBlock),
  }),
);

/** One row per (job, node) that took part: role, collateral, progress and outcome. */
export const participant = onchainTable(
  "participant",
  (t) => ({
    jobId: t.hex().notNull(),
    account: t.hex().notNull(),
    /** 1 DO, 2 MPC (0 for the moment between a lock and the event that names the role). */
    role: t.integer().notNull(),
    /** False once a replaced MPC left the job. */
    current: t.boolean().notNull(),
    /** Its fee in this job (docs/rules.md §3); null when the order's terms are unknown. */
    fee: t.bigint(),
    /** Collateral locked in this job now. */
    collateral: t.bigint().notNull(),
    fined: t.bigint().notNull(),
    rewarded: t.bigint().notNull(),
    /** The last status reported (null before the first update). */
    taskType: t.integer(),
    epoch: t.bigint(),
    batch: t.bigint(),
    status: t.integer(),
    statusUpdates: t.integer().notNull(),
    lastStatusBlock: t.bigint(),
    completedEpochs: t.bigint().notNull(),
    partComplete: t.boolean().notNull(),
    failed: t.boolean().notNull(),
    replacementRequested: t.boolean().notNull(),
    /** Named by the job's judgement (JobJudged.offenders). */
    named: t.boolean().notNull(),
    joinedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.jobId, table.account] }),
    accountIdx: index().on(table.account, table.joinedBlock),
  }),
);

/** One row per account that ever registered as a node: role and liveness. */
export const node = onchainTable("node", (t) => ({
  account: t.hex().primaryKey(),
  /** 1 DO, 2 MPC; 0 after deregistering. */
  role: t.integer().notNull(),
  registeredBlock: t.bigint().notNull(),
  deregisteredBlock: t.bigint(),
  /** The contract's lastHeartbeat: registration or the latest heartbeat(). */
  lastHeartbeatBlock: t.bigint().notNull(),
  heartbeats: t.integer().notNull(),
  /** Jobs it holds collateral in now, and ever. */
  activeJobs: t.integer().notNull(),
  jobs: t.integer().notNull(),
}));

/** Every account's money in the market: what withdraw can take (free) and collateral locked. */
export const balance = onchainTable("balance", (t) => ({
  account: t.hex().primaryKey(),
  free: t.bigint().notNull(),
  locked: t.bigint().notNull(),
  deposited: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  credited: t.bigint().notNull(),
  refunded: t.bigint().notNull(),
  fined: t.bigint().notNull(),
  /** A GDS's judgement bonds held now (BondLocked took them from `free`; stakeOf does not count them). */
  bonded: t.bigint().notNull(),
}));

/** A node's standing terms (NodeTermsSet, docs/rules.md §11.1); an account may set them before it registers. */
export const nodeTerm = onchainTable("node_terms", (t) => ({
  account: t.hex().primaryKey(),
  accepting: t.boolean().notNull(),
  /** The one GDS it takes orders from; the zero address for any. */
  gds: t.hex().notNull(),
  minFee: t.bigint().notNull(),
  maxCollateral: t.bigint().notNull(),
  setBlock: t.bigint().notNull(),
  updates: t.integer().notNull(),
}));

/**
 * One row per judged job (docs/rules.md §11.7): the GDS's judgement and bond, the challenge, the
 * arbiter's ruling, and how it ended. `outcome` is pending (Judged), challenged, upheld, overturned or
 * partly upheld; `settledBy` is window (unchallenged), arbiter, or deadline (unruled: overturned).
 */
export const judgement = onchainTable(
  "judgement",
  (t) => ({
    jobId: t.hex().primaryKey(),
    gds: t.hex().notNull(),
    /** The named participants (JobJudged.offenders). */
    named: t.hex().array().notNull(),
    bond: t.bigint().notNull(),
    judgedBlock: t.bigint().notNull(),
    judgedAt: t.bigint().notNull(),
    /** The first block at which a challenge is too late, and at which an unruled challenge lapses. */
    challengeDeadline: t.bigint().notNull(),
    arbitrationDeadline: t.bigint().notNull(),
    challenger: t.hex(),
    challengedBlock: t.bigint(),
    arbiter: t.hex(),
    upheld: t.hex().array(),
    resolvedBlock: t.bigint(),
    outcome: t.text().notNull(),
    settledBy: t.text(),
    bondReleased: t.bigint().notNull(),
    bondForfeited: t.bigint().notNull(),
    settledBlock: t.bigint(),
  }),
  (table) => ({
    gdsIdx: index().on(table.gds, table.judgedBlock),
    outcomeIdx: index().on(table.outcome, table.judgedBlock),
  }),
);

export const settlementKind = onchainEnum("settlement_kind", ["credit", "refund", "fine"]);

/** Every credit (RewardDistributed), refund (Refund) and fine (Fined), per job and account. */
export const settlement = onchainTable(
  "settlement",
  (t) => ({
    /** The event's id and the entry's place in it. */
    id: t.text().primaryKey(),
    jobId: t.hex().notNull(),
    account: t.hex().notNull(),
    kind: settlementKind().notNull(),
    amount: t.bigint().notNull(),
    /** Fines only: 0 SelfReported, 1 HeartbeatTimeout, 2 NonCompliantResult. */
    reason: t.integer(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.account, table.kind, table.id),
    jobIdx: index().on(table.jobId, table.id),
  }),
);

/** Every event the market emitted, in chain order (`id` sorts by block, transaction and log). */
export const marketEvent = onchainTable(
  "market_event",
  (t) => ({
    /** Ponder's checkpoint: fixed-width digits of timestamp, chain, block, tx index, log index. */
    id: t.text().primaryKey(),
    name: t.text().notNull(),
    jobId: t.hex(),
    /** The node, account or participant the event is about (its first address argument). */
    account: t.hex(),
    /** Every address among its arguments. */
    accounts: t.hex().array().notNull(),
    /** One of the live feed's kinds (JobDispatched, JobStatusUpdated, RewardDistributed, Refund). */
    feed: t.boolean().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    /** The decoded arguments, amounts as decimal strings. */
    args: t.json().notNull(),
  }),
  (table) => ({
    jobIdx: index().on(table.jobId, table.id),
    feedIdx: index().on(table.feed, table.id),
    accountIdx: index().on(table.account, table.id),
    nameIdx: index().on(table.name, table.id),
  }),
);

/** The market as a whole, one row: its parameters and running totals. */
export const market = onchainTable("market", (t) => ({
  address: t.hex().primaryKey(),
  /** The latest ParametersUpdated, amounts as decimal strings. */
  parameters: t.json().notNull(),
  /** The latest TrustParametersUpdated (challengeWindowBlocks, arbitrationBlocks, judgementBondBps). */
  trustParameters: t.json().notNull(),
  paused: t.boolean().notNull(),
  /** How many jobs are in each state now, indexed by JobState. */
  jobsByState: t.integer().array().notNull(),
  jobs: t.integer().notNull(),
  nodes: t.integer().notNull(),
  events: t.integer().notNull(),
  /** QC payments held in unsettled jobs. */
  escrow: t.bigint().notNull(),
  collateralLocked: t.bigint().notNull(),
  /** Judgement bonds held in Judged and Challenged jobs now. */
  bonds: t.bigint().notNull(),
  paidIn: t.bigint().notNull(),
  fined: t.bigint().notNull(),
  rewarded: t.bigint().notNull(),
  refunded: t.bigint().notNull(),
  deposited: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  lastBlock: t.bigint().notNull(),
}));

/**
 * One row per UTC day with events (day = floor(block timestamp / 86400)): the market's totals at the
 * end of that day, and what flowed that day. Days without events have no row: the totals carry over.
 */
export const dailyStat = onchainTable("daily_stat", (t) => ({
  day: t.integer().primaryKey(),
  jobsByState: t.integer().array().notNull(),
  escrow: t.bigint().notNull(),
  collateralLocked: t.bigint().notNull(),
  bonds: t.bigint().notNull(),
  jobsOrdered: t.integer().notNull(),
  jobsSettled: t.integer().notNull(),
  paidIn: t.bigint().notNull(),
  fined: t.bigint().notNull(),
  rewarded: t.bigint().notNull(),
  refunded: t.bigint().notNull(),
  events: t.integer().notNull(),
  heartbeats: t.integer().notNull(),
  statusUpdates: t.integer().notNull(),
  judgements: t.integer().notNull(),
  /** Nodes that sent a heartbeat or a status update that day. */
  activeNodes: t.integer().notNull(),
  lastBlock: t.bigint().notNull(),
}));

/** Which nodes showed life on which day (for dailyStat.activeNodes and a node's activity). */
export const nodeDay = onchainTable(
  "node_day",
  (t) => ({
    day: t.integer().notNull(),
    account: t.hex().notNull(),
    heartbeats: t.integer().notNull(),
    statusUpdates: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.day, table.account] }),
    accountIdx: index().on(table.account, table.day),
  }),
);

export const jobRelations = relations(job, ({ one, many }) => ({
  participants: many(participant),
  events: many(marketEvent),
  settlements: many(settlement),
  judgement: one(judgement, { fields: [job.id], references: [judgement.jobId] }),
}));

export const participantRelations = relations(participant, ({ one }) => ({
  job: one(job, { fields: [participant.jobId], references: [job.id] }),
  node: one(node, { fields: [participant.account], references: [node.account] }),
}));

export const nodeRelations = relations(node, ({ one, many }) => ({
  balance: one(balance, { fields: [node.account], references: [balance.account] }),
  terms: one(nodeTerm, { fields: [node.account], references: [nodeTerm.account] }),
  participations: many(participant),
}));

export const settlementRelations = relations(settlement, ({ one }) => ({
  job: one(job, { fields: [settlement.jobId], references: [job.id] }),
}));

export const judgementRelations = relations(judgement, ({ one }) => ({
  job: one(job, { fields: [judgement.jobId], references: [job.id] }),
}));

export const marketEventRelations = relations(marketEvent, ({ one }) => ({
  job: one(job, { fields: [marketEvent.jobId], references: [job.id] }),
}));

// The pages' reads from the indexer (src/services/indexer), one GraphQL request each (POST
// <indexer>/graphql): the job page, a QC's page, a node's page, the live feed's history, the
// dashboard, and the history reads the app's pages make. Plain strings, so a caller needs no GraphQL
// client (client.ts sends them). Amounts and blocks come back as decimal strings (the
// BigInt scalar); addresses and ids as lowercase hex; a filter accepts any case.
// Ponder caps a list at 1,000 rows: longer lists page on with `after: pageInfo.endCursor`.

const JOB_FIELDS = `
  id jobType qc gds state quote mpcPrice totalPrice doPrices totalEpochs modelComplexityFactor mpcCount
  collateral dos mpcs escrow paid fined rewarded refunded replacements statusUpdates
  timeoutBlocks orderExpiryBlocks gdsFeeBps challengeWindowBlocks arbitrationBlocks judgementBondBps
  bond bondReleased bondForfeited orderedBlock orderedAt dispatchedBlock abortedBlock abortReporter
  judgedBlock challengedBlock settledBlock settledAt lastEventBlock`;

const JUDGEMENT_FIELDS = `
  jobId gds named bond judgedBlock judgedAt challengeDeadline arbitrationDeadline challenger challengedBlock
  arbiter upheld resolvedBlock outcome settledBy bondReleased bondForfeited settledBlock`;

const TERMS_FIELDS = "account accepting gds minFee maxCollateral setBlock updates";

const PARTICIPANT_FIELDS = `
  jobId account role current fee collateral fined rewarded taskType epoch batch status statusUpdates
  lastStatusBlock completedEpochs partComplete failed replacementRequested named joinedBlock`;

const EVENT_FIELDS = "id name jobId account blockNumber logIndex txHash timestamp args";

const SETTLEMENT_FIELDS = "id jobId account kind amount reason blockNumber timestamp txHash";

const NODE_FIELDS =
  "account role registeredBlock deregisteredBlock lastHeartbeatBlock heartbeats activeJobs jobs";

const BALANCE_FIELDS = "account free locked deposited withdrawn credited refunded fined bonded";

/** The job page: the job, its participants with progress, its whole timeline and its settlement. */
export const JOB_PAGE = `query JobPage($id: String!) {
  job(id: $id) {
    ${JOB_FIELDS}
    participants(orderBy: "joinedBlock", limit: 1000) { items { ${PARTICIPANT_FIELDS} } }
    events(orderBy: "id", orderDirection: "asc", limit: 1000) {
      items { ${EVENT_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
    settlements(orderBy: "id", limit: 1000) { items { ${SETTLEMENT_FIELDS} } }
    judgement { ${JUDGEMENT_FIELDS} }
  }
}`;

/** A QC's page: its own jobs (newest first), the refunds it received, its balance. */
export const QC_PAGE = `query QcPage($qc: String!, $limit: Int = 100) {
  jobs(where: { qc: $qc }, orderBy: "orderedBlock", orderDirection: "desc", limit: $limit) {
    totalCount
    items { ${JOB_FIELDS} }
  }
  refunds: settlements(where: { account: $qc, kind: refund }, orderBy: "id", orderDirection: "desc", limit: $limit) {
    totalCount
    items { ${SETTLEMENT_FIELDS} }
  }
  balance(account: $qc) { ${BALANCE_FIELDS} }
}`;

/** A node's page: the jobs it took part in (with the job), its credits and fines, its registration. */
export const NODE_PAGE = `query NodePage($node: String!, $limit: Int = 100) {
  node(account: $node) { ${NODE_FIELDS} }
  nodeTerm(account: $node) { ${TERMS_FIELDS} }
  balance(account: $node) { ${BALANCE_FIELDS} }
  participants(where: { account: $node }, orderBy: "joinedBlock", orderDirection: "desc", limit: $limit) {
    totalCount
    items { ${PARTICIPANT_FIELDS} job { ${JOB_FIELDS} } }
  }
  settlements(where: { account: $node }, orderBy: "id", orderDirection: "desc", limit: $limit) {
    items { ${SETTLEMENT_FIELDS} }
  }
}`;

/** The live feed's history: the newest events of its four kinds, newest first. */
export const FEED_HISTORY = `query FeedHistory($limit: Int = 50) {
  marketEvents(where: { feed: true }, orderBy: "id", orderDirection: "desc", limit: $limit) {
    items { ${EVENT_FIELDS} }
  }
}`;

/**
 * The dashboard: one page of jobs (filtered by state when given, newest first) with their
 * participants, every node with its liveness and money, the market's totals, the days for the
 * charts (jobs by state and escrow over time, fines and rewards per day, active nodes), the feed.
 */
export const DASHBOARD = `query Dashboard($market: String!, $jobWhere: jobFilter, $jobs: Int = 50, $offset: Int = 0, $feed: Int = 50) {
  market(address: $market) {
    address parameters trustParameters paused jobsByState jobs nodes events escrow collateralLocked bonds
    paidIn fined rewarded refunded deposited withdrawn lastBlock
  }
  jobs(where: $jobWhere, orderBy: "orderedBlock", orderDirection: "desc", limit: $jobs, offset: $offset) {
    totalCount
    items { ${JOB_FIELDS} participants(limit: 1000) { items { ${PARTICIPANT_FIELDS} } } }
  }
  nodes(orderBy: "registeredBlock", limit: 1000) {
    totalCount
    items { ${NODE_FIELDS} balance { ${BALANCE_FIELDS} } terms { ${TERMS_FIELDS} } }
  }
  judgements(orderBy: "judgedBlock", orderDirection: "desc", limit: 100) { totalCount items { ${JUDGEMENT_FIELDS} } }
  dailyStats(orderBy: "day", orderDirection: "asc", limit: 1000) {
    items {
      day jobsByState escrow collateralLocked bonds jobsOrdered jobsSettled paidIn fined rewarded refunded
      events heartbeats statusUpdates judgements activeNodes lastBlock
    }
  }
  feed: marketEvents(where: { feed: true }, orderBy: "id", orderDirection: "desc", limit: $feed) {
    items { ${EVENT_FIELDS} }
  }
}`;

/** How far the indexer has indexed: Ponder's checkpoint of the one chain (ponder.config.ts names it "chain"). */
const META = "_meta { status }";

/**
 * Market events matching `where` (a marketEventFilter: jobId, name, name_in, account, accounts_has,
 * feed, blockNumber_gte…), oldest first, with the indexer's progress in the same answer. A feed
 * asks newest first (`orderDirection: "desc"`) with a limit.
 */
export const MARKET_EVENTS = `query MarketEvents($where: marketEventFilter, $limit: Int = 1000, $orderDirection: String = "asc", $after: String) {
  marketEvents(where: $where, orderBy: "id", orderDirection: $orderDirection, limit: $limit, after: $after) {
    items { ${EVENT_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
  ${META}
}`;

/** The ids of jobs of one QC (newest first), with the indexer's progress. */
export const QC_JOB_IDS = `query QcJobIds($qc: String!, $limit: Int = 200) {
  jobs(where: { qc: $qc }, orderBy: "orderedBlock", orderDirection: "desc", limit: $limit) {
    totalCount
    items { id state }
  }
  ${META}
}`;

/** The ids of jobs one node locked collateral in (newest first), with the indexer's progress. */
export const NODE_JOB_IDS = `query NodeJobIds($node: String!, $limit: Int = 200) {
  participants(where: { account: $node }, orderBy: "joinedBlock", orderDirection: "desc", limit: $limit) {
    totalCount
    items { jobId }
  }
  ${META}
}`;

/** The dashboard's pictures: the market's totals now and each day's (UTC) row, every node's liveness. */
export const DASHBOARD_CHARTS = `query DashboardCharts($market: String!) {
  market(address: $market) { jobsByState escrow collateralLocked bonds fined rewarded refunded lastBlock }
  dailyStats(orderBy: "day", orderDirection: "asc", limit: 1000) {
    items { day jobsByState escrow collateralLocked bonds fined rewarded refunded activeNodes heartbeats lastBlock }
  }
  nodes(orderBy: "registeredBlock", limit: 1000) { items { account role lastHeartbeatBlock activeJobs } }
  ${META}
}`;

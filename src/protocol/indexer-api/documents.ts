// The pages' reads from the indexer (src/services/indexer), one GraphQL request each (POST
// <indexer>/graphql): the job page, a QC's page, a node's page, the live feed's history, the
// dashboard, and the history reads the app's pages make. Plain strings, so a caller needs no GraphQL
// client (client.ts sends them). Amounts and blocks come back as decimal strings (the
// BigInt scalar); addresses and ids as lowercase hex; a filter accepts any case.
// Ponder caps a list at 1,000 rows: longer lists page on with `after: pageInfo.endCursor`.
import { JobState } from "../enums.ts";

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

/** A settled job's line in a table: what SettledJobsTable shows (a settled job's row is final). */
const SETTLED_ROW_FIELDS = "id state jobType quote totalPrice mpcs settledBlock";

/** The states a job ends in (docs/rules.md §4: Completed, Failed, Cancelled); any other is open. */
const SETTLED_STATES = `[${[JobState.Completed, JobState.Failed, JobState.Cancelled].join(", ")}]`;

/** One page of a list of jobs matching `where`, newest order first, counted. */
function jobList(alias: string, where: string, prefix: string, fields: string): string {
  return `${alias}: jobs(where: { ${where} }, orderBy: "orderedBlock", orderDirection: "desc", limit: $${prefix}Limit, offset: $${prefix}Offset) {
    totalCount
    items { ${fields} }
  }`;
}

const PAGE_VARIABLES = (prefixes: string[]) =>
  prefixes.map((p) => `$${p}Limit: Int = 20, $${p}Offset: Int = 0`).join(", ");

/**
 * A QC's page in one request: a page of its open jobs (their ids: the page reads their live views on
 * the chain), a page of its settled jobs (their final rows), a page of the refunds it received, each
 * with its count, and the indexer's progress.
 */
export const QC_LISTS = `query QcLists($qc: String!, ${PAGE_VARIABLES(["open", "settled", "refunds"])}) {
  ${jobList("open", `qc: $qc, state_not_in: ${SETTLED_STATES}`, "open", "id")}
  ${jobList("settled", `qc: $qc, state_in: ${SETTLED_STATES}`, "settled", SETTLED_ROW_FIELDS)}
  refunds: settlements(where: { account: $qc, kind: refund, amount_gt: "0" }, orderBy: "id", orderDirection: "desc", limit: $refundsLimit, offset: $refundsOffset) {
    totalCount
    items { id jobId amount blockNumber }
  }
  ${META}
}`;

/**
 * A node's page in one request: a page of the open jobs it locked collateral in (ids) and a page of
 * the settled ones (final rows), each counted, and the indexer's progress. `$node` lowercase (the
 * array filter compares as stored).
 */
export const NODE_LISTS = `query NodeLists($node: String!, ${PAGE_VARIABLES(["open", "settled"])}) {
  ${jobList("open", `nodes_has: $node, state_not_in: ${SETTLED_STATES}`, "open", "id")}
  ${jobList("settled", `nodes_has: $node, state_in: ${SETTLED_STATES}`, "settled", SETTLED_ROW_FIELDS)}
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

// The pages' reads from the indexer, one GraphQL request each (POST <indexer>/graphql): the job
// page, a QC's page, a node's page, the live feed's history and the dashboard. Plain strings and
// fetch, so a caller needs no GraphQL client. Amounts and blocks come back as decimal strings (the
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

export class IndexerQueryError extends Error {}

/** Runs one GraphQL document against the indexer at `baseUrl` (e.g. http://127.0.0.1:42069). */
export async function queryIndexer<T>(
  baseUrl: string,
  document: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(`${baseUrl.replace(/\/$/, "")}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: document, variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    const why = body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`;
    throw new IndexerQueryError(`The indexer could not answer: ${why}`);
  }
  return body.data;
}

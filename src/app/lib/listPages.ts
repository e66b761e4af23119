/** Open job cards per page: each card may hold a price table, a payment form and a progress table. */
export const OPEN_JOBS_PAGE = 5;
/** Rows per page of the settled-jobs and refunds tables. */
export const TABLE_PAGE = 20;

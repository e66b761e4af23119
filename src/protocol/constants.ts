// Numbers the contract and every caller agree on (docs/rules.md §2, §3).

/** epoch ALL = the whole training, batch ALL = the whole epoch (0xffffffff). */
export const ALL = 0xffffffff;

/** Basis points in a whole: every fee, fine and share is in bps of 10,000. */
export const BPS = 10_000n;

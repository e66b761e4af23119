// A transaction that passed its simulation but reverted when mined (another transaction got into the
// block first: a lost race, e.g. a free cancel mined after the GDS's assignMpcs). A receipt carries no
// revert reason, so the same call is replayed on the state of the block it was mined in: its custom
// error, in words, is why it failed there.
import type { AmountUnit } from "../../protocol/asset.ts";
import { describeTxError } from "./txError.ts";

/**
 * The sentence for a reverted receipt. `replay` runs the same call on the state of `blockNumber` and
 * throws what the contract raised there (a simulation at that block).
 */
export async function describeMinedRevert(
  replay: () => Promise<unknown>,
  blockNumber: bigint,
  unit: AmountUnit,
): Promise<string> {
  const head = `The transaction was mined in block ${blockNumber} but reverted: only its gas was spent.`;
  try {
    await replay();
  } catch (error) {
    const { kind, message } = describeTxError(error, unit);
    if (kind === "reverted") return `${head} ${message}`;
  }
  // The state moved on again, or the replay could not be read: say what is known.
  return `${head} Another transaction changed the job first; check the page before sending again.`;
}

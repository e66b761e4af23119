// The market's parameters and trust parameters (new jobs snapshot both) and its pause switch.
import { replaceBigInts } from "ponder";
import { market } from "ponder:schema";
import { marketRow } from "./totals.ts";
import type { Projection } from "./types.ts";

export const onParametersUpdated: Projection<"ParametersUpdated"> = async (
  event,
  { db, market: address },
) => {
  await marketRow(db, address);
  await db
    .update(market, { address })
    .set({ parameters: replaceBigInts(event.args.parameters, (v) => String(v)) });
};

export const onTrustParametersUpdated: Projection<"TrustParametersUpdated"> = async (
  event,
  { db, market: address },
) => {
  await marketRow(db, address);
  await db
    .update(market, { address })
    .set({ trustParameters: replaceBigInts(event.args.parameters, (v) => String(v)) });
};

export const onPaused: Projection<"Paused"> = async (_event, { db, market: address }) => {
  await marketRow(db, address);
  await db.update(market, { address }).set({ paused: true });
};

export const onUnpaused: Projection<"Unpaused"> = async (_event, { db, market: address }) => {
  await marketRow(db, address);
  await db.update(market, { address }).set({ paused: false });
};

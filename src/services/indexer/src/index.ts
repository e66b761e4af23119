// Ponder's indexing entry: one handler for every event of the market's ABI (handlers/index.ts says
// what each does). Ponder runs every file under this folder, so only the registration lives here.
import { ponder } from "ponder:registry";
import { jobMarketAbi } from "../abi.ts";
import { indexEvent } from "../handlers/index.ts";
import type { MarketEventName } from "../handlers/types.ts";

const eventNames = jobMarketAbi.flatMap((item) =>
  item.type === "event" ? [item.name as MarketEventName] : [],
);

for (const name of eventNames) {
  ponder.on(`JobMarket:${name}`, ({ event, context }) => indexEvent(name, event, context.db));
}

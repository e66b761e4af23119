// The one place the indexer takes the market's ABI from: the typed ABIs `npm run gen:abi` generates
// (JobMarket with the errors and events of its linked libraries, which reach the chain from the
// proxy's address). When the generated ABIs move, only this line changes.
export { jobMarketAbi } from "../../protocol/generated/abis.ts";

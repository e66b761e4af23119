// The wallet-side actions of the write path, in their own module so that they load on the first
// write instead of with every page (the first-load JavaScript budget, docs/rules.md §10).
export { getPublicClient, simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";

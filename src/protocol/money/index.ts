// The one TypeScript model of the money rules (docs/rules.md §3, §6): price, fines, compensation,
// remainder split, cancellation, and the settlement of every way a job ends. Solidity twin: FeeMath.sol
// (rules) and SettlementLogic.sol (settlements).
export * from "./price.ts";
export * from "./rules.ts";
export * from "./settlement.ts";
export * from "./preview.ts";

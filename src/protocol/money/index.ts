// The one TypeScript model of the money rules (docs/rules.md §3, §6, §11): price, fines, compensation,
// remainder split, cancellation, judgement bonds, and the settlement of every way a job ends.
// Solidity twin: FeeMath.sol (rules), SettlementRules.sol and SettlementLogic.sol (settlements),
// JudgementLogic.sol (judgements).
export * from "./price.ts";
export * from "./rules.ts";
export * from "./settlement.ts";
export * from "./judgement.ts";
export * from "./preview.ts";

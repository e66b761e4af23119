import type { ContractFunctionReturnType } from "viem";
import type { jobMarketAbi } from "./generated/abis.ts";

type Abi = typeof jobMarketAbi;

/** The contract's views as the app receives them (decoded by viem from the ABI). */
export type JobView = ContractFunctionReturnType<Abi, "view", "getJob">;
export type ParticipantView = ContractFunctionReturnType<Abi, "view", "getProgress">[number];
export type NodeView = ContractFunctionReturnType<Abi, "view", "getNode">;
export type MarketParameters = ContractFunctionReturnType<Abi, "view", "parameters">;

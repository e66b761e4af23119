// The node registry and liveness: registration (with its first stake), heartbeats, deregistration,
// and each account's standing terms (docs/rules.md §11.1), which may come before its registration.
import { node, nodeTerm } from "ponder:schema";
import { Role } from "../../../protocol/enums.ts";
import { addToBalance } from "./money.ts";
import type { Projection } from "./types.ts";

export const onNodeRegistered: Projection<"NodeRegistered"> = async (event, { db, flows }) => {
  const { node: account, role, stake } = event.args;
  const before = await db.find(node, { account });
  // Registering also counts as the node's first heartbeat (the contract sets lastHeartbeat).
  const registration = {
    role,
    registeredBlock: event.block.number,
    deregisteredBlock: null,
    lastHeartbeatBlock: event.block.number,
  };
  if (before) await db.update(node, { account }).set(registration);
  else await db.insert(node).values({ account, ...registration, heartbeats: 0, activeJobs: 0, jobs: 0 });
  await addToBalance(db, account, { free: stake, deposited: stake });
  flows.deposited = stake;
  flows.nodes = before ? 0 : 1;
  flows.activeNode = account;
};

export const onNodeDeregistered: Projection<"NodeDeregistered"> = async (event, { db }) => {
  await db
    .update(node, { account: event.args.node })
    .set({ role: Role.None, deregisteredBlock: event.block.number });
};

export const onHeartbeat: Projection<"Heartbeat"> = async (event, { db, flows }) => {
  const { node: account, blockNumber } = event.args;
  await db
    .update(node, { account })
    .set((row) => ({ lastHeartbeatBlock: blockNumber, heartbeats: row.heartbeats + 1 }));
  flows.heartbeats = 1;
  flows.activeNode = account;
};

export const onNodeTermsSet: Projection<"NodeTermsSet"> = async (event, { db }) => {
  const { node: account, terms } = event.args;
  const values = {
    accepting: terms.accepting,
    gds: terms.gds,
    minFee: terms.minFee,
    maxCollateral: terms.maxCollateral,
    setBlock: event.block.number,
  };
  await db
    .insert(nodeTerm)
    .values({ account, ...values, updates: 1 })
    .onConflictDoUpdate((row) => ({ ...values, updates: row.updates + 1 }));
};

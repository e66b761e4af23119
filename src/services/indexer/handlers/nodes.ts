// The node registry and liveness: registration (with its first stake), heartbeats, deregistration.
import { node } from "ponder:schema";
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

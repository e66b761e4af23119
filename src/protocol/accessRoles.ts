import { keccak256, toHex, type Hex } from "viem";

// AccessControl role ids, as OpenZeppelin computes them (DEFAULT_ADMIN_ROLE is zero).
export const accessRoles = [
  { name: "DEFAULT_ADMIN_ROLE", id: `0x${"0".repeat(64)}` as Hex, does: "grants and revokes every role" },
  {
    name: "GDS_ROLE",
    id: keccak256(toHex("GDS_ROLE")),
    does: "places orders, assigns and replaces MPCs, reports non-compliance",
  },
  {
    name: "UPGRADER_ROLE",
    id: keccak256(toHex("UPGRADER_ROLE")),
    does: "upgrades the contract's implementation",
  },
  {
    name: "PAUSER_ROLE",
    id: keccak256(toHex("PAUSER_ROLE")),
    does: "pauses and unpauses new orders and queries",
  },
  {
    name: "ARBITER_ROLE",
    id: keccak256(toHex("ARBITER_ROLE")),
    does: "rules on challenged judgements (never on a job it takes part in)",
  },
] as const;

export function roleNameOf(id: string): string {
  return accessRoles.find((r) => r.id.toLowerCase() === id.toLowerCase())?.name ?? `role ${id.slice(0, 10)}…`;
}

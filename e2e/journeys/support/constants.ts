// The enum values of SPEC.md §8 and the demo's cast of accounts (src/protocol/devAccounts.ts).
import type { Address } from "viem";
import { devAccountsWithRole } from "../../../src/protocol/devAccounts.ts";

export const ALL = 0xffffffff;
export const JOB_TYPE = { horizontal: 0, vertical: 1 } as const;
export const TASK = { training: 0, psi: 1, aggregation: 2 } as const;
export const STATUS = { started: 0, inProgress: 1, completed: 2, failed: 3 } as const;
export const JOB_STATE = {
  none: 0,
  ordered: 1,
  dispatched: 2,
  aborting: 3,
  completed: 4,
  failed: 5,
  cancelled: 6,
} as const;
export const REASON = { selfReported: 0, heartbeatTimeout: 1, nonCompliant: 2 } as const;

const addresses = (role: Parameters<typeof devAccountsWithRole>[0]): Address[] =>
  devAccountsWithRole(role).map((a) => a.address);

/** The seeded demo's accounts: the GDS holds GDS_ROLE, DOs and MPCs are registered with 5 ETH each. */
export const cast = {
  admin: addresses("admin")[0]!,
  gds: addresses("gds")[0]!,
  qcs: addresses("qc"),
  dos: addresses("do"),
  mpcs: addresses("mpc"),
  spares: addresses("spare"),
};

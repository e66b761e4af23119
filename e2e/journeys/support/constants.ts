// The demo's cast of accounts (src/protocol/devAccounts.ts); the enums are the protocol's.
import type { Address } from "viem";
import { devAccountsWithRole } from "../../../src/protocol/devAccounts.ts";
import { marketParameters } from "../../../src/protocol/testing/viewData.ts";

const addresses = (role: Parameters<typeof devAccountsWithRole>[0]): Address[] =>
  devAccountsWithRole(role).map((a) => a.address);

/**
 * The seeded demo's accounts, on every test market: the GDS holds GDS_ROLE, DOs and MPCs are registered
 * with 5 of the market's asset each (5 fdUSD, or 5 ETH on the native market).
 */
export const cast = {
  admin: addresses("admin")[0]!,
  gds: addresses("gds")[0]!,
  qcs: addresses("qc"),
  dos: addresses("do"),
  mpcs: addresses("mpc"),
  spares: addresses("spare"),
};

/** The fines and Horizontal shares a job snapshots from the contract's default parameters. */
const defaults = marketParameters();
export const horizontalFines = {
  selfReportFineBps: defaults.selfReportFineBps,
  detectedFineBps: defaults.detectedFineBps,
  shares: defaults.horizontalShares,
};

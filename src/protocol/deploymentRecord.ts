// The deployment record: what the deploy script wrote for one chain (.data/deployments/<chainId>.json),
// read back by start, seed, upgrade, the services, the e2e setup and the app's build. Only the type
// and its check live here; reading and writing the file is Node's (src/services/shared/deployment-file.ts,
// scripts/lib/deployment-record.ts).
import { type Address, getAddress, isAddress } from "viem";
import { nativeAsset, type PaymentAsset } from "./asset.ts";

export interface DeploymentRecord {
  chainId: number;
  /** The ERC1967 proxy: the address users talk to. */
  jobMarket: Address;
  implementation: Address;
  jobMarketLens: Address | null;
  /**
   * The payment asset the market was initialized with (docs/rules.md §12): the token's address, decimals,
   * symbol and permit support, read from the chain at deploy time; address zero for the native coin.
   * A record written before the asset existed reads as the native coin.
   */
  asset: PaymentAsset;
  /** Linked external libraries by fully qualified name. */
  libraries: Record<string, Address>;
  /** Block of the proxy's deployment: where event scans start. Decimal string (JSON has no bigint). */
  deployBlock: string;
  deployer: Address;
  admin: Address;
  version: string;
  deployedAt: string;
  /** Storage layout of `implementation`, for the upgrade script's offline compatibility check. */
  storageLayout: unknown;
  upgrades: { implementation: Address; block: string; at: string }[];
}

type Fields = Record<string, unknown>;

/**
 * A deployment record from parsed JSON, checked field by field: a hand-edited or truncated record
 * fails here, naming `source` and the field, instead of deep inside a transaction.
 */
export function parseDeploymentRecord(json: unknown, source: string): DeploymentRecord {
  const fail = (what: string): never => {
    throw new Error(`${source} is not a deployment record: ${what}`);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("not a JSON object");
  const r = json as Fields;
  const address = (value: unknown, field: string): Address =>
    typeof value === "string" && isAddress(value, { strict: false })
      ? getAddress(value)
      : fail(`${field} is not an address`);
  const text = (value: unknown, field: string): string =>
    typeof value === "string" ? value : fail(`${field} is not a string`);
  const block = (value: unknown, field: string): string =>
    typeof value === "string" && /^\d+$/.test(value) ? value : fail(`${field} is not a block number`);

  if (typeof r.chainId !== "number" || !Number.isSafeInteger(r.chainId) || r.chainId <= 0)
    fail("chainId is not a chain id");
  const libraries = r.libraries ?? {};
  if (typeof libraries !== "object" || Array.isArray(libraries)) fail("libraries is not an object");
  if (!Array.isArray(r.upgrades ?? [])) fail("upgrades is not a list");
  const asset = (value: unknown): PaymentAsset => {
    if (value === undefined) return nativeAsset();
    if (typeof value !== "object" || value === null) return fail("asset is not an object");
    const v = value as Fields;
    if (typeof v.decimals !== "number" || !Number.isInteger(v.decimals) || v.decimals < 0 || v.decimals > 36)
      fail("asset.decimals is not a number of decimals");
    if (typeof v.permit !== "boolean") fail("asset.permit is not true or false");
    return {
      address: address(v.address, "asset.address"),
      decimals: v.decimals as number,
      symbol: text(v.symbol, "asset.symbol"),
      permit: v.permit as boolean,
    };
  };
  return {
    chainId: r.chainId as number,
    jobMarket: address(r.jobMarket, "jobMarket"),
    implementation: address(r.implementation, "implementation"),
    jobMarketLens: r.jobMarketLens == null ? null : address(r.jobMarketLens, "jobMarketLens"),
    asset: asset(r.asset),
    libraries: Object.fromEntries(
      Object.entries(libraries as Fields).map(([name, at]) => [name, address(at, `libraries.${name}`)]),
    ),
    deployBlock: block(r.deployBlock, "deployBlock"),
    deployer: address(r.deployer, "deployer"),
    admin: address(r.admin, "admin"),
    version: text(r.version, "version"),
    deployedAt: text(r.deployedAt, "deployedAt"),
    storageLayout: r.storageLayout,
    upgrades: ((r.upgrades ?? []) as Fields[]).map((u, i) => ({
      implementation: address(u?.implementation, `upgrades[${i}].implementation`),
      block: block(u?.block, `upgrades[${i}].block`),
      at: text(u?.at, `upgrades[${i}].at`),
    })),
  };
}

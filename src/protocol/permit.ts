// EIP-2612 permits for the market's ...WithPermit functions (docs/rules.md §12): the token's signing
// domain (EIP-5267 `eip712Domain()` where the token has it, else its name and DOMAIN_SEPARATOR, trying
// the versions tokens use: USDC signs "2"), and the typed data the wallet signs (eth_signTypedData_v4).
// Pure viem: the app, the scripts and the services build permits the same way.
import {
  type Address,
  domainSeparator,
  getAddress,
  type Hex,
  parseSignature,
  type PublicClient,
  type TypedDataDomain,
} from "viem";
import { eip2612Abi, tokenAbi } from "./tokenAbi.ts";

export type TokenReader = Pick<PublicClient, "readContract">;

/** A token's EIP-712 domain: only the fields the token uses (EIP-5267 `fields`). */
export type PermitDomain = TypedDataDomain;

/** The EIP-712 Permit struct (EIP-2612). */
export const permitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export interface PermitMessage {
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** What eth_signTypedData_v4 signs for a permit of `value` to `spender`. */
export function permitTypedData(domain: PermitDomain, message: PermitMessage) {
  return {
    domain,
    types: permitTypes,
    primaryType: "Permit" as const,
    message,
  };
}

/** A permit signature split as the ...WithPermit functions take it. */
export function permitSignatureParts(signature: Hex): { v: number; r: Hex; s: Hex } {
  const { r, s, v, yParity } = parseSignature(signature);
  return { v: Number(v ?? BigInt(27 + (yParity ?? 0))), r, s };
}

/** Seconds a permit stays valid: long enough for a slow wallet and a busy block, short if leaked. */
export const PERMIT_LIFETIME_SECONDS = 3_600n;

/** The permit's deadline: `lifetime` after the chain's own clock (not the browser's, which may differ). */
export function permitDeadline(blockTimestamp: bigint, lifetime = PERMIT_LIFETIME_SECONDS): bigint {
  return blockTimestamp + lifetime;
}

// eip712Domain's `fields` bits (EIP-5267): name, version, chainId, verifyingContract, salt.
const FIELD = { name: 1, version: 2, chainId: 4, verifyingContract: 8, salt: 16 } as const;

/**
 * The token's permit signing domain, or undefined when the token takes no EIP-2612 permits (no
 * `nonces`, no domain that matches its DOMAIN_SEPARATOR): the caller then approves instead.
 */
export async function readPermitDomain(
  client: TokenReader,
  token: Address,
  chainId: number,
): Promise<PermitDomain | undefined> {
  const read = <T>(functionName: string, args: readonly unknown[] = []): Promise<T | undefined> =>
    client
      .readContract({ address: token, abi: tokenAbi, functionName, args } as never)
      .then((value) => value as T)
      .catch(() => undefined);
  const [nonce, separator] = await Promise.all([
    read<bigint>("nonces", ["0x0000000000000000000000000000000000000001"]),
    read<Hex>("DOMAIN_SEPARATOR"),
  ]);
  if (nonce === undefined || separator === undefined) return undefined;

  const announced =
    await read<readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]]>("eip712Domain");
  const candidates: PermitDomain[] = [];
  if (announced) {
    const [fields, name, version, id, verifyingContract, salt] = announced;
    const bits = Number.parseInt(fields.slice(2), 16);
    const domain: PermitDomain = {};
    if (bits & FIELD.name) domain.name = name;
    if (bits & FIELD.version) domain.version = version;
    if (bits & FIELD.chainId) domain.chainId = Number(id);
    if (bits & FIELD.verifyingContract) domain.verifyingContract = getAddress(verifyingContract);
    if (bits & FIELD.salt) domain.salt = salt;
    candidates.push(domain);
  } else {
    const name = await read<string>("name");
    if (name === undefined) return undefined;
    for (const version of ["1", "2"]) candidates.push({ name, version, chainId, verifyingContract: token });
  }
  // Only a domain whose hash is the token's own DOMAIN_SEPARATOR yields permits the token accepts.
  return candidates.find((domain) => domainSeparator({ domain }).toLowerCase() === separator.toLowerCase());
}

/** The owner's next permit nonce. */
export async function readPermitNonce(client: TokenReader, token: Address, owner: Address): Promise<bigint> {
  return (await client.readContract({
    address: token,
    abi: eip2612Abi,
    functionName: "nonces",
    args: [owner],
  })) as bigint;
}

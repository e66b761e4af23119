import { getAddress, isAddress, type Address } from "viem";
import type { Parsed } from "./units.ts";

/**
 * An address typed or pasted by a user. Mixed case must be a valid EIP-55 checksum (a typo in a
 * checksummed address is caught); all-lower or all-upper case is accepted and checksummed.
 */
export function parseAddress(input: string): Parsed<Address> {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an address." };
  if (!isAddress(text, { strict: false }))
    return { ok: false, error: "Not an address (0x and 40 hex digits)." };
  const body = text.slice(2);
  const mixedCase = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixedCase && !isAddress(text, { strict: true })) {
    return { ok: false, error: "The checksum (upper/lower case) is wrong: check for a typo." };
  }
  const value = getAddress(text);
  if (BigInt(value) === 0n) return { ok: false, error: "The zero address cannot be used." };
  return { ok: true, value };
}

export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The first address that appears twice (case-insensitively), if any. */
export function firstDuplicate(addresses: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) return address;
    seen.add(key);
  }
  return undefined;
}

/** 0x1234…abcd. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

import type { Hex } from "viem";
import type { Parsed } from "./units.ts";

export type JobId = Hex; // bytes16: 0x + 32 hex digits

// Web Crypto's UUIDs, in every browser and in Node 19+; declared here because the protocol is typed
// with neither the DOM's nor Node's globals.
declare const crypto: { randomUUID(): string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BYTES16 = /^0x[0-9a-f]{32}$/i;

/** A fresh job id: a random (v4) UUID, as bytes16. The one way the app, the services and the tools make ids. */
export function newJobId(randomUuid: () => string = () => crypto.randomUUID()): JobId {
  return jobIdFromUuid(randomUuid());
}

export function jobIdFromUuid(uuid: string): JobId {
  if (!UUID.test(uuid)) throw new Error(`Not a UUID: ${uuid}`);
  return `0x${uuid.replaceAll("-", "").toLowerCase()}`;
}

/** 8-4-4-4-12 form of a bytes16 id, how people read and paste ids. */
export function uuidOfJobId(id: JobId): string {
  const h = id.slice(2).toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A job id typed, pasted or taken from a URL: either a UUID or 0x + 32 hex digits; never zero. */
export function parseJobId(input: string): Parsed<JobId> {
  const text = input.trim();
  let id: JobId;
  if (UUID.test(text)) id = jobIdFromUuid(text);
  else if (BYTES16.test(text)) id = text.toLowerCase() as JobId;
  else return { ok: false, error: "A job id is a UUID (8-4-4-4-12 hex) or 0x and 32 hex digits." };
  if (BigInt(id) === 0n) return { ok: false, error: "The zero id is not a job." };
  return { ok: true, value: id };
}

/** Short label for tables: the first 8 hex digits of the UUID. */
export function shortJobId(id: JobId): string {
  return uuidOfJobId(id).slice(0, 8);
}

import { encodeAbiParameters, type Address, type Hex } from "viem";
import type { JobId } from "../../protocol/jobId.ts";
import type { ParticipantView } from "../../protocol/views.ts";

// A job's progress changes only through events that name it (status updates, assignments,
// replacements, failures: the id is their first indexed argument) or one of its participants
// (Heartbeat: the node is its first indexed argument). Both sit in topic 1, so one eth_getLogs
// with an OR list of these words finds every log that can change the progress of a set of jobs.

/** The topic word of a job id (bytes16, padded on the right) or an account (padded on the left). */
export function topicWord(value: JobId | Address, kind: "id" | "account"): Hex {
  const word = encodeAbiParameters([{ type: kind === "id" ? "bytes16" : "address" }], [value]);
  return word.toLowerCase() as Hex;
}

/** Every word whose logs touch these jobs: their ids and their participants' accounts. */
export function touchWords(
  ids: readonly JobId[],
  progresses: ReadonlyMap<JobId, readonly Pick<ParticipantView, "account">[]> | undefined,
): Hex[] {
  const words = new Set(ids.map((id) => topicWord(id, "id")));
  for (const id of ids) for (const p of progresses?.get(id) ?? []) words.add(topicWord(p.account, "account"));
  return [...words].sort();
}

/** For each word, the last block of these logs whose topic 1 it is. */
export function lastTouches(
  logs: readonly { topics: readonly (Hex | null)[]; blockNumber: bigint | null }[],
): Map<Hex, bigint> {
  const touches = new Map<Hex, bigint>();
  for (const log of logs) {
    const word = log.topics[1]?.toLowerCase() as Hex | undefined;
    if (!word || log.blockNumber === null) continue;
    if (log.blockNumber > (touches.get(word) ?? -1n)) touches.set(word, log.blockNumber);
  }
  return touches;
}

/** The last block a log named the job or one of its participants (0n: none seen). */
export function jobTouchedAt(
  id: JobId,
  participants: readonly Pick<ParticipantView, "account">[] | undefined,
  touches: ReadonlyMap<Hex, bigint>,
): bigint {
  let last = touches.get(topicWord(id, "id")) ?? 0n;
  for (const p of participants ?? []) {
    const at = touches.get(topicWord(p.account, "account")) ?? 0n;
    if (at > last) last = at;
  }
  return last;
}

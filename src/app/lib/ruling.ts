// The arbiter's ruling on a challenged judgement (docs/rules.md §11.7): one choice per named participant,
// turned into resolveChallenge's `upheld` list, and the conflicts of interest the contract refuses.
import type { Address } from "viem";
import { sameAddress, shortAddress } from "../../protocol/address.ts";

export type Choice = "uphold" | "overturn";

/** resolveChallenge's `upheld` (in the judgement's order), or why it cannot be sent yet. */
export function rulingOf(
  named: readonly Address[],
  choices: ReadonlyMap<string, Choice>,
): { upheld: Address[]; error: null } | { upheld: null; error: string } {
  const missing = named.find((a) => !choices.has(a.toLowerCase()));
  if (missing) return { upheld: null, error: `Choose uphold or overturn for ${shortAddress(missing)}.` };
  return { upheld: named.filter((a) => choices.get(a.toLowerCase()) === "uphold"), error: null };
}

/** Why `arbiter` may not rule on this job (JobMarketConflictOfInterest), or null. */
export function conflictOf(
  arbiter: Address | undefined,
  job: { gds: Address; qc: Address },
  participants: readonly { account: Address }[],
): string | null {
  if (!arbiter) return null;
  if (sameAddress(arbiter, job.gds)) return "You are this job's GDS: another arbiter must rule.";
  if (sameAddress(arbiter, job.qc)) return "You are this job's QC: another arbiter must rule.";
  if (participants.some((p) => sameAddress(p.account, arbiter)))
    return "You take part in this job: another arbiter must rule.";
  return null;
}

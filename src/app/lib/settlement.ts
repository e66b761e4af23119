import type { Address } from "viem";
import { sameAddress } from "../../protocol/address.ts";
import type { JobId } from "../../protocol/jobId.ts";
import { logKey, type MarketLog } from "./marketLogs.ts";

export interface Credit {
  key: string;
  id: JobId;
  blockNumber: bigint;
  amount: bigint;
}

type ListLog = Extract<MarketLog, { eventName: "Refund" | "RewardDistributed" }>;

function isListLog(log: MarketLog): log is ListLog {
  return log.eventName === "Refund" || log.eventName === "RewardDistributed";
}

/** What `account` was credited by Refund / RewardDistributed logs, one entry per log, in log order. */
export function creditsTo(logs: readonly MarketLog[], account: Address): Credit[] {
  const credits: Credit[] = [];
  for (const log of logs) {
    if (!isListLog(log)) continue;
    const { id, recipients, amounts } = log.args;
    let amount = 0n;
    recipients.forEach((r, i) => {
      if (sameAddress(r, account)) amount += amounts[i] ?? 0n;
    });
    if (amount > 0n) credits.push({ key: logKey(log), id, blockNumber: log.blockNumber, amount });
  }
  return credits;
}

export interface AccountOutcome {
  account: Address;
  rewarded: bigint;
  refunded: bigint;
  fined: bigint;
  fineReason?: number;
}

/** Who got what in a job's settlement, from its RewardDistributed, Refund and Fined logs. */
export function settlementOutcomes(logs: readonly MarketLog[]): AccountOutcome[] {
  const byAccount = new Map<string, AccountOutcome>();
  const entry = (account: Address) => {
    const key = account.toLowerCase();
    let outcome = byAccount.get(key);
    if (!outcome) {
      outcome = { account, rewarded: 0n, refunded: 0n, fined: 0n };
      byAccount.set(key, outcome);
    }
    return outcome;
  };
  for (const log of logs) {
    if (log.eventName === "Fined") {
      const o = entry(log.args.offender);
      o.fined += log.args.amount;
      o.fineReason = log.args.reason;
    } else if (isListLog(log)) {
      log.args.recipients.forEach((r, i) => {
        const amount = log.args.amounts[i] ?? 0n;
        if (log.eventName === "Refund") entry(r).refunded += amount;
        else entry(r).rewarded += amount;
      });
    }
  }
  return [...byAccount.values()];
}

/** The part each account played in a job (lower-case address → "QC", "GDS", "DO", "MPC", "MPC (replaced)"). */
export function accountRoles(
  logs: readonly MarketLog[],
  job: { qc: Address; gds: Address },
): Map<string, string> {
  const roles = new Map<string, string>();
  const set = (account: string, role: string) => roles.set(account.toLowerCase(), role);
  for (const log of logs) {
    if (log.eventName === "JobOrdered") log.args.dos.forEach((d) => set(d, "DO"));
    else if (log.eventName === "MpcsAssigned") log.args.mpcs.forEach((m) => set(m, "MPC"));
    else if (log.eventName === "MpcReplaced") {
      set(log.args.oldMpc, "MPC (replaced)");
      set(log.args.newMpc, "MPC");
    }
  }
  set(job.gds, "GDS");
  set(job.qc, "QC");
  return roles;
}

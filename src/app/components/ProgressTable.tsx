import type { ReactNode } from "react";
import { blocksSince } from "../lib/liveness.ts";
import { formatStatus, roleName } from "../../protocol/enums.ts";
import type { ParticipantView } from "../../protocol/views.ts";
import { AddressText } from "./AddressText.tsx";
import { Coin } from "./Coin.tsx";
import { ScrollBox } from "./ScrollBox.tsx";

interface Props {
  participants: readonly ParticipantView[];
  totalEpochs: number;
  block: bigint | undefined;
  /** Extra cell per participant, e.g. the GDS's report buttons. */
  action?: (p: ParticipantView) => ReactNode;
}

/** The flags that matter most about a participant, worst first. */
export function participantFlags(p: ParticipantView): string[] {
  const flags: string[] = [];
  if (p.timedOut) flags.push("timed out");
  if (p.failed) flags.push("reported failure");
  if (p.replacementRequested) flags.push("replacement requested");
  if (p.partComplete) flags.push("part complete");
  return flags;
}

/** Per-participant progress of one job: last status, completed epochs, liveness. */
export function ProgressTable({ participants, totalEpochs, block, action }: Props) {
  return (
    <ScrollBox label="Table of participants' progress">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Participant</th>
            <th className="pr-2 font-medium">Role</th>
            <th className="pr-2 font-medium">Fee</th>
            <th className="pr-2 font-medium">Last status</th>
            <th className="pr-2 font-medium">Epochs done</th>
            <th className="pr-2 font-medium">Last seen</th>
            <th className="pr-2 font-medium">Flags</th>
            {action && <th className="font-medium">Action</th>}
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr
              key={p.account}
              className="border-t border-slate-100"
              data-testid={`participant-${p.account.toLowerCase()}`}
            >
              <td className="py-1 pr-2">
                <AddressText address={p.account} />
              </td>
              <td className="pr-2">{roleName(p.role)}</td>
              <td className="pr-2">
                <Coin wei={p.fee} />
              </td>
              <td className="pr-2 text-xs">{p.reported ? formatStatus(p.lastStatus) : "nothing yet"}</td>
              <td className="pr-2 tabular-nums">
                {p.completedEpochs} / {totalEpochs}
              </td>
              <td className="pr-2 text-xs tabular-nums">
                {block === undefined ? "…" : `${blocksSince(p.lastSeen, block)} blocks ago`}
              </td>
              <td
                className={`pr-2 text-xs ${p.timedOut || p.failed ? "font-semibold text-red-700" : "text-slate-600"}`}
              >
                {participantFlags(p).join(", ") || "—"}
              </td>
              {action && <td>{action(p)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

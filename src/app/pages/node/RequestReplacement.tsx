import { useId, useState } from "react";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { shortAddress } from "../../../protocol/address.ts";
import { Role } from "../../../protocol/enums.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

/** A DO asks the GDS to replace one of the job's current MPCs. */
export function RequestReplacement({
  job,
  participants,
}: {
  job: JobView;
  participants: readonly ParticipantView[];
}) {
  const mpcs = participants.filter((p) => p.role === Role.MPC);
  const [choice, setChoice] = useState("");
  const selectId = useId();
  const mpc = mpcs.find((p) => p.account === choice);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <h3 className="font-medium">Request an MPC replacement</h3>
      <label htmlFor={selectId} className="text-xs text-slate-700">
        MPC to replace
      </label>
      <select
        id={selectId}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        className="rounded border border-slate-300 px-2 py-1.5 text-sm"
        data-testid={`replace-select-${job.id}`}
      >
        <option value="">Choose an MPC…</option>
        {mpcs.map((p) => (
          <option key={p.account} value={p.account}>
            {shortAddress(p.account)}
            {p.replacementRequested ? " (already requested)" : ""}
          </option>
        ))}
      </select>
      <TxButton
        label="Request replacement"
        variant="secondary"
        call={mpc ? marketCall("requestMpcReplacement", [job.id, mpc.account]) : null}
        disabledReason={
          mpc
            ? mpc.replacementRequested
              ? "A replacement of this MPC is already requested."
              : null
            : "Choose an MPC."
        }
        testId={`replace-request-button-${job.id}`}
      />
    </div>
  );
}

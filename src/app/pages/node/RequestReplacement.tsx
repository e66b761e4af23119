import { useState } from "react";
import { TxButton } from "../../components/TxButton.tsx";
import { SelectField } from "../../components/SelectField.tsx";
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
  const mpc = mpcs.find((p) => p.account === choice);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <h3 className="font-medium">Request an MPC replacement</h3>
      <SelectField
        label="MPC to replace"
        value={choice}
        onChange={setChoice}
        options={[
          { value: "", label: "Choose an MPC…" },
          ...mpcs.map((p) => ({
            value: p.account,
            label: `${shortAddress(p.account)}${p.replacementRequested ? " (already requested)" : ""}`,
          })),
        ]}
        testId={`replace-select-${job.id}`}
      />
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

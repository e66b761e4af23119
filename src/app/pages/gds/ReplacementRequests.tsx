import { useId, useState } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { refusalSentence } from "../../lib/nodeTerms.ts";
import { TxButton } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { shortAddress } from "../../../protocol/address.ts";
import { replacementCandidates, replaceableMpcs } from "../../lib/gdsChoices.ts";
import type { JobId } from "../../../protocol/jobId.ts";
import type { JobView, NodeView, ParticipantView } from "../../../protocol/views.ts";

interface Props {
  jobs: readonly JobView[];
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined;
  nodes: readonly NodeView[];
}

/** MPCs that may be replaced (requested, failed or timed out), each with a one-click replacement. */
export function ReplacementRequests({ jobs, progress, nodes }: Props) {
  const rows = replaceableMpcs(jobs, progress);
  return (
    <Section title={`MPC replacements (${rows.length})`} testId="replacements">
      {rows.length === 0 ? (
        <Empty>No MPC needs replacing.</Empty>
      ) : (
        <ul className="flex flex-col gap-3">
          {rows.map(({ job, mpc, why, participants }) => (
            <ReplacementRow
              key={`${job.id}-${mpc.account}`}
              job={job}
              mpc={mpc}
              why={why}
              participants={participants}
              nodes={nodes}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}

interface RowProps {
  job: JobView;
  mpc: ParticipantView;
  why: string;
  participants: readonly ParticipantView[];
  nodes: readonly NodeView[];
}

function ReplacementRow({ job, mpc, why, participants, nodes }: RowProps) {
  const asset = useAsset();
  const candidates = replacementCandidates(job, participants, nodes);
  const [choice, setChoice] = useState("");
  const selectId = useId();
  const replacement = candidates.find((c) => c.account === choice) ?? candidates[0];
  const limitReached = job.replacements >= job.params.maxMpcReplacements;
  // The newcomer's terms at replaceMpc (docs/rules.md §11.9): the job's MPC fee, its C, its GDS.
  const refused = replacement
    ? refusalSentence(
        replacement,
        { gds: job.gds, fee: mpc.fee, collateral: job.collateral, minStake: 0n },
        asset,
      )
    : null;
  return (
    <li
      className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-2 text-sm"
      data-testid={`replacement-${job.id}-${mpc.account.toLowerCase()}`}
    >
      <span>
        <JobLink id={job.id} /> MPC <AddressText address={mpc.account} />:{" "}
        <span className="text-red-700">{why}</span>
      </span>
      <span className="flex flex-col gap-1">
        <label htmlFor={selectId} className="text-xs text-slate-700">
          Replacement
        </label>
        <select
          id={selectId}
          value={replacement?.account ?? ""}
          onChange={(e) => setChoice(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1 text-sm"
        >
          {candidates.map((c) => (
            <option key={c.account} value={c.account}>
              {shortAddress(c.account)}
            </option>
          ))}
        </select>
      </span>
      <TxButton
        label={replacement ? `Replace with ${shortAddress(replacement.account)}` : "Replace"}
        call={
          replacement && !limitReached && !refused
            ? marketCall("replaceMpc", [job.id, mpc.account, replacement.account])
            : null
        }
        disabledReason={
          limitReached
            ? `This job had its ${job.params.maxMpcReplacements} replacements: report a failure instead.`
            : replacement
              ? refused
              : "No MPC has enough free stake."
        }
        small
        testId={`replace-button-${job.id}-${mpc.account.toLowerCase()}`}
      />
    </li>
  );
}

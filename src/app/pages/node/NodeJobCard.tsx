import type { Address } from "viem";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { JobCard } from "../../components/JobCard.tsx";
import { JudgementPanel } from "../../components/JudgementPanel.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useReadProgress } from "../../hooks/useReadProgress.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { sameAddress } from "../../../protocol/address.ts";
import { JobState, Role, formatStatus } from "../../../protocol/enums.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";
import { RequestReplacement } from "./RequestReplacement.tsx";
import { SelfReportFailure } from "./SelfReportFailure.tsx";
import { StatusForm } from "./StatusForm.tsx";

interface Props {
  job: JobView;
  account: Address;
  block: bigint | undefined;
}

/** One open job of this node with what it needs from the node now. */
export function NodeJobCard({ job, account, block }: Props) {
  const participants = useReadProgress(job.id).data;
  const me = participants?.find((p) => sameAddress(p.account, account));
  return (
    <JobCard
      job={job}
      header={
        <>
          <span>{job.totalEpochs} epochs</span>
          {me && (
            <span>
              My fee <Coin wei={me.fee} /> · collateral <Coin wei={job.collateral} />
            </span>
          )}
        </>
      }
    >
      {me?.reported && (
        <p className="mb-2 text-xs text-slate-600">My last status: {formatStatus(me.lastStatus)}</p>
      )}
      <NextStep
        job={job}
        me={me}
        participants={participants}
        block={block}
        loaded={participants !== undefined}
      />
    </JobCard>
  );
}

interface StepProps {
  job: JobView;
  me: ParticipantView | undefined;
  participants: readonly ParticipantView[] | undefined;
  block: bigint | undefined;
  loaded: boolean;
}

function NextStep({ job, me, participants, block, loaded }: StepProps) {
  const say = (text: string) => (
    <p className="text-sm" data-testid={`next-step-${job.id}`}>
      {text}
    </p>
  );
  if (!loaded) return say("Reading progress…");
  if (job.state === JobState.Ordered)
    return say("Waiting for the QC's payment and the MPC assignment: nothing to do yet.");
  if (job.state === JobState.Aborting) {
    const graceEnd = job.abortedAt + BigInt(job.params.abortGraceBlocks);
    return (
      <div className="flex flex-col gap-2">
        {say(`A failure was reported: stop working. The GDS settles it, or anyone from block ${graceEnd}.`)}
        {block !== undefined && block >= graceEnd && (
          <TxButton
            label="Settle the job"
            variant="secondary"
            call={marketCall("settleAbort", [job.id])}
            testId={`settle-button-${job.id}`}
          />
        )}
      </div>
    );
  }
  if (job.state === JobState.Judged || job.state === JobState.Challenged) {
    return <JudgementPanel job={job} participants={participants} block={block} me={me?.account} />;
  }
  if (!me || !participants) return say("You were replaced in this job: nothing to do.");
  if (me.failed) return say("You reported a failure: waiting for the settlement or your replacement.");
  if (me.partComplete) return say("Your part is complete: waiting for the others.");
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <StatusForm job={job} me={me} />
      <div className="flex flex-col gap-4">
        <SelfReportFailure job={job} me={me} participants={participants} />
        {me.role === Role.DO && <RequestReplacement job={job} participants={participants} />}
        {participants.some((p) => p.timedOut) && (
          <p className="text-xs text-red-700">
            Some participants timed out: anyone may report them on the job page. Timed out:{" "}
            {participants
              .filter((p) => p.timedOut)
              .map((p) => (
                <AddressText key={p.account} address={p.account} />
              ))}
          </p>
        )}
      </div>
    </div>
  );
}

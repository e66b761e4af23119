import type { Address } from "viem";
import { marketCall } from "../hooks/useRunTransaction.ts";
import { describeJudgementPhase, judgementPhase } from "../lib/judgementPhase.ts";
import { sameAddress } from "../../protocol/address.ts";
import { creditOf, fineOfAccount, previewJudgement } from "../../protocol/money/index.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { AddressText } from "./AddressText.tsx";
import { Coin } from "./Coin.tsx";
import { TxButton } from "./TxButton.tsx";

interface Props {
  job: JobView;
  participants: readonly ParticipantView[] | undefined;
  block: bigint | undefined;
  /** The connected account: a named participant gets the Challenge button and its own stakes. */
  me?: Address;
}

/**
 * A GDS judgement (docs/rules.md §11.7) as everyone sees it: who is named, the bond, the deadline in
 * blocks, and what may be done now — a named participant challenges before the window ends (no bond of
 * its own: the GDS's bond is what a wrong judgement costs); anyone settles once the window or the
 * arbitration deadline has passed. Shown only for a Judged or Challenged job.
 */
export function JudgementPanel({ job, participants, block, me }: Props) {
  if (block === undefined) return null;
  const phase = judgementPhase(job, block);
  if (!phase) return null;
  const mine = me ? participants?.find((p) => sameAddress(p.account, me)) : undefined;
  const named = mine?.named === true;
  // What I stand to lose if it is upheld, and to get if it is overturned, per the money model.
  const upheld = participants && mine ? previewJudgement(job, participants, "upheld") : undefined;
  const overturned = participants && mine ? previewJudgement(job, participants, []) : undefined;
  return (
    <div
      className="flex flex-col gap-2 rounded border border-orange-300 bg-orange-50 p-2 text-sm"
      data-testid={`judgement-${job.id}`}
    >
      <p>
        {named ? (
          <strong>The GDS judged you non-compliant.</strong>
        ) : (
          <>The GDS judged a participant non-compliant: the job is frozen until the judgement settles.</>
        )}{" "}
        Named:{" "}
        {job.named.map((a) => (
          <AddressText key={a} address={a} />
        ))}
        ; bond locked by the GDS <Coin wei={job.bond} testId={`judgement-bond-${job.id}`} />; judged at block{" "}
        {String(job.judgedAt)}.
      </p>
      <p data-testid={`judgement-deadline-${job.id}`}>{describeJudgementPhase(phase)}</p>
      {named && upheld && overturned && mine && (
        <p className="text-xs text-slate-700">
          Upheld, you are fined{" "}
          <Coin wei={fineOfAccount(upheld, mine.account)} testId={`judgement-fine-${job.id}`} /> of your
          collateral. Overturned, you keep it all and are credited{" "}
          <Coin wei={creditOf(overturned, mine.account)} testId={`judgement-overturn-credit-${job.id}`} />{" "}
          (your fee, your share and your part of the GDS's bond).
        </p>
      )}
      {named && phase.kind === "challengeable" && (
        <TxButton
          label="Challenge the judgement"
          call={marketCall("challengeJudgement", [job.id])}
          confirm={
            <span>
              Challenge this judgement? It costs no bond: an arbiter rules before block{" "}
              {String(job.arbitrationDeadline)}; if it does not, the judgement is overturned.
            </span>
          }
          testId={`challenge-button-${job.id}`}
        />
      )}
      {job.challenger !== "0x0000000000000000000000000000000000000000" && (
        <p className="text-xs text-slate-600">
          Challenged by <AddressText address={job.challenger} />.
        </p>
      )}
      {(phase.kind === "settle-upheld" || phase.kind === "settle-overturned") && (
        <TxButton
          label={
            phase.kind === "settle-upheld"
              ? "Settle the judgement (upheld)"
              : "Settle the judgement (overturned)"
          }
          variant="secondary"
          call={marketCall("settleJudgement", [job.id])}
          testId={`settle-judgement-button-${job.id}`}
        />
      )}
    </div>
  );
}

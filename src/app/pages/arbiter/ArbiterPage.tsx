import { useAccount } from "wagmi";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { useReadAllJobs } from "../../hooks/useReadAllJobs.ts";
import { useReadHasRole } from "../../hooks/useReadHasRole.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { accessRoles } from "../../../protocol/accessRoles.ts";
import { JobState } from "../../../protocol/enums.ts";
import { ChallengeCard } from "./ChallengeCard.tsx";

const ARBITER_ROLE = accessRoles.find((r) => r.name === "ARBITER_ROLE")!.id;

/** /arbiter — challenged judgements waiting for a ruling (docs/rules.md §11.7), for ARBITER_ROLE holders. */
export default function ArbiterPage() {
  return (
    <ConnectGate what="rule on challenged judgements">
      <ArbiterConsole />
    </ConnectGate>
  );
}

function ArbiterConsole() {
  const { address } = useAccount();
  const block = useRefreshOnNewBlock();
  const isArbiter = useReadHasRole(ARBITER_ROLE, address).data;
  const jobs = useReadAllJobs().data;
  const challenged = (jobs ?? []).filter((j) => j.state === JobState.Challenged);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Arbiter</h1>
      {isArbiter === false && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="alert">
          This account does not hold the arbiter role: the contract will refuse its rulings.
        </p>
      )}
      <Section title={`Challenged judgements (${challenged.length})`} testId="challenged-judgements">
        {!jobs && <Empty>Reading the market…</Empty>}
        {jobs && challenged.length === 0 && <Empty>No judgement is waiting for a ruling.</Empty>}
        <div className="flex flex-col gap-4">
          {challenged.map((job) => (
            <ChallengeCard key={job.id} job={job} block={block} arbiter={address} />
          ))}
        </div>
      </Section>
    </div>
  );
}

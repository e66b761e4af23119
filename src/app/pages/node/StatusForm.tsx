import { useId, useState } from "react";
import { Field } from "../../components/Field.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { ALL, statusName, taskTypeName, type StatusTuple } from "../../../protocol/enums.ts";
import { allowedTaskTypes, progressStatuses, validateStatus } from "../../lib/statusChoices.ts";
import { parseWholeNumber } from "../../../protocol/units.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

const MAX_STEP = ALL - 1;

/** Post a status update, offering only the choices the contract accepts from this participant now. */
export function StatusForm({ job, me }: { job: JobView; me: ParticipantView }) {
  const context = {
    jobType: job.jobType,
    role: me.role,
    totalEpochs: job.totalEpochs,
    last: me.reported ? me.lastStatus : undefined,
  };
  const tasks = allowedTaskTypes(context);
  const last = context.last;
  const [taskType, setTaskType] = useState<number>(tasks[0]);
  const [epoch, setEpoch] = useState(last && last.epoch !== ALL ? String(last.epoch) : "0");
  const [epochAll, setEpochAll] = useState(false);
  const [batch, setBatch] = useState(last && last.batch !== ALL ? String(last.batch) : "0");
  const [batchAll, setBatchAll] = useState(false);
  const [status, setStatus] = useState<number>(progressStatuses[1]);
  const ids = { task: useId(), status: useId() };
  const task = tasks.includes(taskType) ? taskType : tasks[0];

  const epochParsed = epochAll
    ? { ok: true as const, value: ALL }
    : parseWholeNumber(epoch, 0, MAX_STEP, "Epoch");
  const batchParsed =
    batchAll || epochAll ? { ok: true as const, value: ALL } : parseWholeNumber(batch, 0, MAX_STEP, "Batch");
  let reason: string | null = null;
  let tuple: StatusTuple | null = null;
  if (!epochParsed.ok) reason = epochParsed.error;
  else if (!batchParsed.ok) reason = batchParsed.error;
  else {
    const checked = validateStatus(
      { taskType: task, epoch: epochParsed.value, batch: batchParsed.value, status },
      context,
    );
    if (checked.ok) tuple = checked.value;
    else reason = checked.error;
  }

  return (
    <form
      className="flex flex-col gap-2 rounded bg-slate-50 p-3"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Post status"
    >
      <h3 className="text-sm font-medium">Post my progress</h3>
      <div className="grid grid-cols-2 gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.task} className="text-xs font-medium text-slate-700">
            Task
          </label>
          <select
            id={ids.task}
            value={task}
            onChange={(e) => setTaskType(Number(e.target.value))}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
            data-testid={`status-task-${job.id}`}
          >
            {tasks.map((t) => (
              <option key={t} value={t}>
                {taskTypeName(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.status} className="text-xs font-medium text-slate-700">
            Status
          </label>
          <select
            id={ids.status}
            value={status}
            onChange={(e) => setStatus(Number(e.target.value))}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
            data-testid={`status-status-${job.id}`}
          >
            {progressStatuses.map((s) => (
              <option key={s} value={s}>
                {statusName(s)}
              </option>
            ))}
          </select>
        </div>
        <StepInput
          label={task === 1 ? "PSI level" : "Epoch"}
          value={epoch}
          onChange={setEpoch}
          all={epochAll}
          onAll={setEpochAll}
          testId={`status-epoch-${job.id}`}
          hint={task === 1 ? undefined : `0 to ${job.totalEpochs - 1}, or ALL`}
        />
        <StepInput
          label="Batch"
          value={batch}
          onChange={setBatch}
          all={batchAll || epochAll}
          onAll={setBatchAll}
          lockedAll={epochAll}
          testId={`status-batch-${job.id}`}
        />
      </div>
      <TxButton
        label="Post status"
        call={tuple ? marketCall("updateJobStatus", [job.id, tuple]) : null}
        disabledReason={reason}
        testId={`status-button-${job.id}`}
      />
    </form>
  );
}

interface StepProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  all: boolean;
  onAll: (v: boolean) => void;
  lockedAll?: boolean;
  testId: string;
  hint?: string;
}

/** A number, or ALL (0xffffffff: the whole training / the whole epoch). */
function StepInput({ label, value, onChange, all, onAll, lockedAll, testId, hint }: StepProps) {
  return (
    <div className="flex flex-col gap-1">
      <Field
        label={label}
        value={all ? "" : value}
        onChange={onChange}
        disabled={all}
        inputMode="numeric"
        placeholder={all ? "ALL" : "0"}
        hint={hint}
        data-testid={testId}
      />
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={all}
          disabled={lockedAll}
          onChange={(e) => onAll(e.target.checked)}
          data-testid={`${testId}-all`}
        />
        ALL{lockedAll && " (epoch ALL needs batch ALL)"}
      </label>
    </div>
  );
}

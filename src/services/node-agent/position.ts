// Progress positions as the training side posts them and the contract takes them (docs/rules.md §4,
// §13): parsing what arrives over HTTP (enum names or numbers, "ALL"), ordering positions, and which
// of them must reach the chain (they set compensation or end a part) and which are display only.
import {
  ALL,
  JobType,
  Role,
  Status,
  TaskType,
  formatStatus,
  statusNames,
  taskTypeNames,
} from "../../protocol/enums.ts";

export interface Position {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

/**
 * What a position is for. `final` ends the part (it may settle the job), `failed` starts an abort,
 * `psiEnd` ends the PSI stage, `epoch` is an epoch completion (it sets compensation); `display`
 * is everything else: liveness and display only.
 */
export type PositionKind = "final" | "failed" | "psiEnd" | "epoch" | "display";

export function kindOf(p: Position): PositionKind {
  if (p.status === Status.Failed) return "failed";
  const whole = p.epoch === ALL && p.batch === ALL && p.status === Status.Completed;
  if (whole) return p.taskType === TaskType.PSI ? "psiEnd" : "final";
  if (p.taskType === TaskType.Training && p.batch === ALL && p.status === Status.Completed) return "epoch";
  return "display";
}

export const mustSend = (p: Position): boolean => kindOf(p) !== "display";

/** PSI comes before Training and Aggregation (docs/rules.md §4: stage, then epoch, then batch). */
const stageOf = (taskType: number) => (taskType === TaskType.PSI ? 0 : 1);

/** < 0 when a is behind b, 0 at the same place, > 0 ahead (ALL is above every number). */
export function comparePositions(a: Position, b: Position): number {
  return stageOf(a.taskType) - stageOf(b.taskType) || a.epoch - b.epoch || a.batch - b.batch;
}

export function samePosition(a: Position, b: Position): boolean {
  return comparePositions(a, b) === 0 && a.taskType === b.taskType && a.status === b.status;
}

export function describePosition(p: Position): string {
  return formatStatus(p);
}

/** A position as JSON: names, and "ALL" for ALL. */
export function positionJson(p: Position) {
  return {
    taskType: taskTypeNames[p.taskType] ?? p.taskType,
    epoch: p.epoch === ALL ? "ALL" : p.epoch,
    batch: p.batch === ALL ? "ALL" : p.batch,
    status: ["Started", "InProgress", "Completed", "Failed"][p.status] ?? p.status,
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; code: 400 | 409; error: string };

const bad = (error: string): Checked<never> => ({ ok: false, code: 400, error });

function enumValue(raw: unknown, names: readonly string[], what: string): number | string {
  const list = names.map((n) => n.replaceAll(" ", "")).join(", ");
  if (typeof raw === "number") {
    if (Number.isInteger(raw) && raw >= 0 && raw < names.length) return raw;
    return `${what} ${raw} is not one of 0–${names.length - 1} (${list}).`;
  }
  if (typeof raw === "string") {
    const index = names.findIndex(
      (n) => n.replaceAll(" ", "").toLowerCase() === raw.replaceAll(" ", "").toLowerCase(),
    );
    if (index >= 0) return index;
    if (/^\d+$/.test(raw)) return enumValue(Number(raw), names, what);
    return `${what} "${raw}" is not one of ${list}.`;
  }
  return `${what} is missing: give one of ${list} (or its number).`;
}

function stepValue(raw: unknown, what: string): number | string {
  if (typeof raw === "string" && raw.toUpperCase() === "ALL") return ALL;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= ALL) return value;
  return `${what} must be a whole number from 0 or "ALL", got ${JSON.stringify(raw) ?? "nothing"}.`;
}

/** The fields of a progress request, checked for shape and range only. */
export function parsePosition(body: unknown): Checked<Position> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return bad("The body must be a JSON object { taskType, epoch, batch, status }.");
  }
  const b = body as Record<string, unknown>;
  const taskType = enumValue(b.taskType, taskTypeNames, "taskType");
  if (typeof taskType === "string") return bad(taskType);
  const status = enumValue(b.status, statusNames, "status");
  if (typeof status === "string") return bad(status);
  const epoch = stepValue(b.epoch, "epoch");
  if (typeof epoch === "string") return bad(epoch);
  const batch = stepValue(b.batch, "batch");
  if (typeof batch === "string") return bad(batch);
  if (epoch === ALL && batch !== ALL) return bad('Epoch "ALL" (the whole training) needs batch "ALL".');
  return { ok: true, value: { taskType, epoch, batch, status } };
}

/** What the job is to this node, for checking a position against it. */
export interface PartFacts {
  jobType: number;
  role: number;
  totalEpochs: number;
  /** A Vertical participant that ended its PSI stage reports Training. */
  psiDone: boolean;
}

/** The task types the contract accepts from this participant now (docs/rules.md §4). */
export function allowedTasks(part: PartFacts): number[] {
  if (part.jobType === JobType.Horizontal)
    return [part.role === Role.DO ? TaskType.Training : TaskType.Aggregation];
  return part.psiDone ? [TaskType.Training] : [TaskType.PSI];
}

/**
 * Whether `p` may be posted by this participant after `newest` (the newest position it has on chain
 * or queued): 400 for the wrong task or epoch out of range, 409 for going backwards.
 */
export function checkPosition(p: Position, part: PartFacts, newest: Position | undefined): Checked<Position> {
  if (p.status === Status.Failed) {
    return bad(
      "Report a failure with POST /jobs/{id}/failure (its answer says the fine); progress takes no Failed status.",
    );
  }
  const tasks = allowedTasks(part);
  if (!tasks.includes(p.taskType)) {
    const want = tasks.map((t) => taskTypeNames[t]).join(" or ");
    const why =
      part.jobType === JobType.Vertical && p.taskType === TaskType.Training && !part.psiDone
        ? " (the PSI stage ends with PSI, ALL, ALL, Completed first)"
        : "";
    return {
      ok: false,
      code: part.jobType === JobType.Vertical && p.taskType === TaskType.PSI && part.psiDone ? 409 : 400,
      error: `This ${part.role === Role.DO ? "DO" : "MPC"} reports ${want} in this job now, not ${taskTypeNames[p.taskType]}${why}.`,
    };
  }
  if (p.taskType !== TaskType.PSI && p.epoch !== ALL && p.epoch >= part.totalEpochs) {
    return bad(
      `Epoch ${p.epoch} is out of range: the job has ${part.totalEpochs} epochs (0–${part.totalEpochs - 1}, or "ALL").`,
    );
  }
  if (newest && comparePositions(p, newest) < 0) {
    return {
      ok: false,
      code: 409,
      error: `Progress never goes backwards: ${describePosition(p)} is behind ${describePosition(newest)}.`,
    };
  }
  return { ok: true, value: p };
}

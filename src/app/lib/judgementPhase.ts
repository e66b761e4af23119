// Where a GDS judgement stands (docs/rules.md §11.7), from the job view and the latest block: who may
// act now and until which block. The contract's deadlines: a challenge is mined while
// block < challengeDeadline; the arbiter rules while block < arbitrationDeadline; settleJudgement
// takes a Judged job from challengeDeadline on (upheld) and a Challenged one from arbitrationDeadline
// on (overturned).
import { JobState } from "../../protocol/enums.ts";

export interface JudgementFields {
  state: number;
  judgedAt: bigint;
  challengeDeadline: bigint;
  arbitrationDeadline: bigint;
}

export type JudgementPhase =
  /** a named participant may challenge until `deadline` */
  | { kind: "challengeable"; deadline: bigint; blocksLeft: bigint }
  /** the window passed unchallenged: anyone settles it as upheld */
  | { kind: "settle-upheld"; deadline: bigint }
  /** challenged: the arbiter may rule until `deadline` */
  | { kind: "arbitration"; deadline: bigint; blocksLeft: bigint }
  /** the arbiter did not rule in time: anyone settles it as overturned */
  | { kind: "settle-overturned"; deadline: bigint };

/** The phase of a Judged or Challenged job at `block` (the latest), or undefined for any other state. */
export function judgementPhase(job: JudgementFields, block: bigint): JudgementPhase | undefined {
  if (job.state === JobState.Judged) {
    const deadline = job.challengeDeadline;
    return block < deadline
      ? { kind: "challengeable", deadline, blocksLeft: deadline - block }
      : { kind: "settle-upheld", deadline };
  }
  if (job.state === JobState.Challenged) {
    const deadline = job.arbitrationDeadline;
    return block < deadline
      ? { kind: "arbitration", deadline, blocksLeft: deadline - block }
      : { kind: "settle-overturned", deadline };
  }
  return undefined;
}

/** One sentence for the phase, e.g. "Open to challenge until block 7,250 (12 blocks left)." */
export function describeJudgementPhase(phase: JudgementPhase): string {
  switch (phase.kind) {
    case "challengeable":
      return `A named participant may challenge it before block ${phase.deadline} (${phase.blocksLeft} blocks left); unchallenged, it is upheld.`;
    case "settle-upheld":
      return `The challenge window ended at block ${phase.deadline} unchallenged: anyone may settle it as upheld.`;
    case "arbitration":
      return `Challenged: the arbiter may rule before block ${phase.deadline} (${phase.blocksLeft} blocks left); without a ruling it is overturned.`;
    case "settle-overturned":
      return `The arbiter did not rule before block ${phase.deadline}: anyone may settle it as overturned (no fine without a ruling).`;
  }
}

/** Whether a job is under a judgement (frozen: no updates, reports, cancellation or replacement). */
export function isJudgementState(state: number): boolean {
  return state === JobState.Judged || state === JobState.Challenged;
}

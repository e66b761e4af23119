// One job's progress on its way to the chain (docs/rules.md §13): at most one transaction in flight,
// always the newest position. Must-send positions (epoch completions, the final completion, a PSI
// stage end, Failed) go out in order, an epoch completion dropped only when a higher completion
// supersedes it before it is sent; display-only positions are merged to the newest one and sent at
// most once per interval, counted from the job's last transaction of any kind (an epoch completion
// shows progress too). In memory only: after a restart the chain says where to resume.
import { type Position, comparePositions, kindOf, mustSend, samePosition } from "./position.ts";

/** What the chain holds for this participant, as getProgress says. */
export interface ChainPart {
  lastStatus: Position | undefined;
  completedEpochs: number;
  partComplete: boolean;
  failed: boolean;
}

export class ProgressQueue {
  /** Must-send positions not yet sent, in order. */
  readonly pending: Position[] = [];
  /** The newest display-only position not yet sent. */
  display: Position | undefined;
  /** The position whose transaction is in flight. */
  inFlight: Position | undefined;
  /** The newest position accepted from the training side (queued, in flight or sent). */
  newest: Position | undefined;
  /** When a position of this job last went out: a display-only one waits an interval after any. */
  private lastSentMs: number | undefined;
  coalesced = 0;

  /** Queues `p` (already checked); returns the queued position it replaced, if any. */
  add(p: Position): Position | undefined {
    this.newest = p;
    let replaced: Position | undefined;
    if (!mustSend(p)) {
      replaced = this.display;
      this.display = p;
    } else {
      // A display-only position behind this one has nothing left to say.
      replaced = this.display;
      this.display = undefined;
      const kind = kindOf(p);
      const last = this.pending.at(-1);
      // A higher completion supersedes an epoch completion not yet sent: completedEpochs only grows.
      if ((kind === "epoch" || kind === "final") && last && kindOf(last) === "epoch") {
        this.pending.pop();
        replaced = last;
      }
      this.pending.push(p);
    }
    if (replaced) this.coalesced++;
    return replaced;
  }

  queued(): Position[] {
    return [...this.pending, ...(this.display ? [this.display] : [])];
  }

  /** The position to send now, if any: must-sends first, the display-only one when its interval allows. */
  next(nowMs: number, intervalMs: number): Position | undefined {
    if (this.inFlight) return undefined;
    if (this.pending.length > 0) return this.pending[0];
    if (!this.display) return undefined;
    if (this.lastSentMs !== undefined && nowMs - this.lastSentMs < intervalMs) return undefined;
    return this.display;
  }

  /** `p` (what next() gave) was sent: it is in flight now. */
  sent(p: Position, nowMs: number): void {
    if (this.pending[0] === p) this.pending.shift();
    else if (this.display === p) this.display = undefined;
    this.lastSentMs = nowMs;
    this.inFlight = p;
  }

  /**
   * Our transaction for this job is no longer in flight (mined, reverted, dropped): what the chain
   * holds decides. A must-send position the chain does not have goes back to the front (retried,
   * simulated first); a display-only one is let go.
   */
  landed(chain: ChainPart): void {
    const p = this.inFlight;
    this.inFlight = undefined;
    if (p && mustSend(p) && !this.onChain(p, chain)) this.pending.unshift(p);
    this.sync(chain);
  }

  /** Drops what the chain already has (or has passed), and everything once the part is over. */
  sync(chain: ChainPart): number {
    const before = this.pending.length + (this.display ? 1 : 0);
    if (chain.partComplete || chain.failed) {
      this.pending.length = 0;
      this.display = undefined;
      return before;
    }
    const keep = this.pending.filter((p) => !this.onChain(p, chain));
    this.pending.splice(0, this.pending.length, ...keep);
    if (this.display && this.onChain(this.display, chain)) this.display = undefined;
    return before - this.pending.length - (this.display ? 1 : 0);
  }

  /** Gives up on everything queued (the job is no longer Dispatched). */
  clear(): number {
    const n = this.pending.length + (this.display ? 1 : 0);
    this.pending.length = 0;
    this.display = undefined;
    return n;
  }

  /** Whether the chain already holds `p` or something past it. */
  private onChain(p: Position, chain: ChainPart): boolean {
    // A Failed report is not ordered with progress (the contract takes it after anything).
    if (kindOf(p) === "failed") return chain.failed;
    if (kindOf(p) === "epoch" && chain.completedEpochs >= p.epoch + 1) return true;
    const last = chain.lastStatus;
    if (!last) return false;
    const order = comparePositions(p, last);
    // Behind the chain: the contract would refuse it as going backwards, so nothing is left to send.
    if (order < 0) return true;
    return order === 0 && samePosition(p, last);
  }
}

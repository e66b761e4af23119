// What the demo seed leaves on the chain, apart from the seed itself: `npm start` prints it, and
// must be able to import it before the typed ABIs exist (seed.ts imports them; start.ts generates
// them first and only then loads seed.ts).
import type { Hex } from "viem";

export interface SeededJob {
  id: Hex;
  /** The job state the seed means to leave it in (docs/rules.md §4 numbering). */
  expectedState: number;
  state: string;
}

/** One line per seeded job: its id and the state it was left in. */
export function describeSeed(jobs: SeededJob[]): string[] {
  return jobs.map((j) => `  ${j.id}  ${j.state}`);
}

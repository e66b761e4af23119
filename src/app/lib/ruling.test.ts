import { describe, expect, it } from "vitest";
import { conflictOf, rulingOf, type Choice } from "./ruling.ts";

const A = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
const B = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as const;
const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const QC = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;
const ARBITER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as const;
const choices = (entries: [string, Choice][]) => new Map(entries.map(([a, c]) => [a.toLowerCase(), c]));

describe("the arbiter's ruling", () => {
  it("needs a choice for every named participant, and lists the upheld ones in the judgement's order", () => {
    expect(rulingOf([A, B], choices([[A, "overturn"]]))).toEqual({
      upheld: null,
      error: "Choose uphold or overturn for 0x9965…A4dc.",
    });
    expect(
      rulingOf(
        [A, B],
        choices([
          [B, "uphold"],
          [A, "uphold"],
        ]),
      ),
    ).toEqual({ upheld: [A, B], error: null });
    expect(
      rulingOf(
        [A, B],
        choices([
          [A, "overturn"],
          [B, "uphold"],
        ]),
      ),
    ).toEqual({ upheld: [B], error: null });
    // Overturning everyone sends [].
    expect(rulingOf([A], choices([[A, "overturn"]]))).toEqual({ upheld: [], error: null });
  });

  it("refuses an arbiter that is the job's GDS, QC or a participant", () => {
    const job = { gds: GDS, qc: QC };
    const parts = [{ account: A }, { account: B }];
    expect(conflictOf(ARBITER, job, parts)).toBeNull();
    expect(conflictOf(GDS, job, parts)).toContain("GDS");
    expect(conflictOf(QC, job, parts)).toContain("QC");
    expect(conflictOf(B, job, parts)).toContain("take part");
    expect(conflictOf(undefined, job, parts)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { Role } from "../../../protocol/enums.ts";
import { priceOf } from "../../lib/price.ts";
import { jobView, participant } from "../../lib/testData.ts";
import { priceFromProgress } from "./qcPrice.ts";

describe("priceFromProgress", () => {
  it("is priceOf over the job's DO prices (fee / factor), for a vertical job with a factor", () => {
    const job = jobView({ jobType: 1, modelComplexityFactor: 3, mpcCount: 2, mpcPrice: 7n });
    const doPrices = [100n, 250n, 333n];
    const participants = [
      ...doPrices.map((p) => participant({ role: Role.DO, fee: p * 3n })),
      participant({ role: Role.MPC, fee: 7n * 3n * 3n }),
      participant({ role: Role.MPC, fee: 7n * 3n * 3n }),
    ];
    expect(priceFromProgress(job, participants)).toEqual(
      priceOf({
        jobType: 1,
        doPrices,
        modelComplexityFactor: 3,
        mpcCount: 2,
        mpcPrice: 7n,
        gdsFeeBps: job.params.gdsFeeBps,
      }),
    );
  });

  it("is unknown until the participants are read", () => {
    expect(priceFromProgress(jobView(), undefined)).toBeUndefined();
    expect(priceFromProgress(jobView(), [])).toBeUndefined();
  });
});

// @vitest-environment node
// Lives with the tools because it deploys a market (scripts/deploy.ts); src/protocol imports nothing above it.
// The money model's price must equal the contract's own priceOf: this test deploys the compiled market on
// a private anvil and compares both on random inputs. Needs `npm run contracts:compile` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { createPublicClient, http, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMarket } from "../deploy.ts";
import { freePort, startAnvil, type AnvilHandle } from "../lib/anvil.ts";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import { priceOf, type PriceInputs, WORKED_EXAMPLE_PRICE } from "../../src/protocol/money/index.ts";

let anvil: AnvilHandle;
let market: Address;
let tmp: string;

beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-price-"));
  const { record } = await deployMarket({
    rpcUrl: anvil.rpcUrl,
    recordFile: path.join(tmp, "deployment.json"),
    log: () => {},
  });
  market = record.jobMarket;
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const inputs = fc.record({
  jobType: fc.constantFrom(0, 1),
  doPrices: fc.array(fc.bigInt({ min: 1n, max: 10n ** 30n }), { minLength: 1, maxLength: 12 }),
  modelComplexityFactor: fc.integer({ min: 1, max: 10_000 }),
  mpcCount: fc.integer({ min: 1, max: 16 }),
  mpcPrice: fc.bigInt({ min: 1n, max: 10n ** 30n }),
  gdsFeeBps: fc.integer({ min: 0, max: 10_000 }),
});

describe("price preview against the contract", () => {
  it("equals priceOf for the worked example and 40 random jobs", async () => {
    const cases: PriceInputs[] = [
      WORKED_EXAMPLE_PRICE,
      ...fc.sample(inputs, { numRuns: 40, seed: 20261125 }),
    ];
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const onChain = await Promise.all(
      cases.map((c) =>
        client.readContract({
          address: market,
          abi: jobMarketAbi,
          functionName: "priceOf",
          args: [c.jobType, c.doPrices, c.modelComplexityFactor, c.mpcCount, c.mpcPrice, c.gdsFeeBps],
        }),
      ),
    );
    cases.forEach((c, i) =>
      expect(
        priceOf(c),
        JSON.stringify(c, (_, v) => (typeof v === "bigint" ? `${v}` : v)),
      ).toEqual(onChain[i]),
    );
    expect(onChain[0].total).toBe(12_100n);
  });
});

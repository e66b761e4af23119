// The journeys' `test`: the shell's fixtures (chain reverted after each test) plus the journey
// wallet (signs with dev keys, can reject) and the market driver. Journeys use `jw`, never `wallet`:
// a page has room for one injected wallet.
import { e2eEnvironment } from "../../fixtures/e2e-env.ts";
import { expect, test as base } from "../../fixtures/test.ts";
import { JourneyWallet } from "./journey-wallet.ts";
import { Market } from "./market.ts";
import { unitsOf } from "./ui.ts";

interface JourneyFixtures {
  jw: JourneyWallet;
  market: Market;
  /** Amounts in the test market's asset: amount("0.1"), typed(x), coin(x) (support/ui.ts). */
  units: ReturnType<typeof unitsOf>;
}

export const test = base.extend<JourneyFixtures>({
  jw: async ({ page, walletAccount, marketVariant }, use) => {
    const env = e2eEnvironment(marketVariant);
    const jw = new JourneyWallet(page, env.rpcUrl, walletAccount, env.chainId);
    await jw.install();
    await use(jw);
  },
  market: async ({ chain }, use) => {
    await use(await Market.connect(chain.env.rpcUrl, chain.market.address, chain.env.asset));
  },
  units: async ({ chain }, use) => {
    await use(unitsOf(chain.env.asset));
  },
});

export { expect };

// Journey 7: the chain is stopped and started again from its persisted state file (as `npm start`
// runs it); after a reload the dashboard shows the same jobs and the same balances.
import type { Locator } from "@playwright/test";
import { JobState, JobType } from "../../src/protocol/enums.ts";
import { e2eEnvironment } from "../fixtures/e2e-env.ts";
import { AppRpc } from "./support/app-rpc.ts";
import { cast } from "./support/constants.ts";
import { Market } from "./support/market.ts";
import { RestartableChain } from "./support/restartable-chain.ts";
import { expect, test } from "./support/test.ts";

/** A table's text once every cell is read (no cell still shows the "…" placeholder). */
async function settledText(table: Locator): Promise<string> {
  await expect(table.locator("td", { hasText: /^\s*…\s*$/ })).toHaveCount(0);
  return table.innerText();
}

test("journey 7: after a restart from the state file the dashboard shows the same jobs and balances", async ({
  page,
  chain,
  units: { amount, coin },
}) => {
  test.setTimeout(90_000);
  const env = e2eEnvironment();
  const node = await RestartableChain.copyOf(chain);
  try {
    const market = await Market.connect(node.rpcUrl, chain.market.address, chain.env.asset);
    // Something that happened on this chain only: a dispatched job with locked collateral.
    const mpcPrice = amount("0.05");
    const id = await market.dispatchedJob(
      cast.gds,
      {
        jobType: JobType.Horizontal,
        qc: cast.qcs[1]!,
        dos: [cast.dos[0]!, cast.dos[2]!],
        doPrices: [amount("0.2"), amount("0.3")],
        factor: 1,
        mpcCount: 1,
        totalEpochs: 2,
      },
      [cast.mpcs[1]!],
      mpcPrice,
    );
    const nodes = [...cast.dos, ...cast.mpcs];
    const jobCount = await market.jobCount();
    const block = await node.blockNumber();

    await AppRpc.redirect(page, env.rpcUrl, node.rpcUrl);
    await page.goto("/dashboard");
    const jobs = page.getByTestId("dashboard-jobs");
    const nodesTable = page.getByTestId("dashboard-nodes");
    const checkAgainstChain = async () => {
      await expect(page.getByTestId("dashboard-block")).toHaveText(String(block));
      await expect(jobs.locator('tr[data-testid^="job-row-"]')).toHaveCount(Number(jobCount));
      await expect(jobs.getByTestId(`job-row-${id}`)).toContainText("Dispatched");
      for (const account of nodes) {
        const view = await market.node(account);
        const row = nodesTable.getByTestId(`node-row-${account.toLowerCase()}`);
        await expect(row).toContainText(coin(view.balance));
        await expect(row).toContainText(coin(view.locked));
      }
    };
    await checkAgainstChain();
    const jobsBefore = await settledText(jobs);
    const nodesBefore = await settledText(nodesTable);
    const before = await Promise.all(nodes.map((a) => market.node(a)));

    // Stop the node (it writes its state file), start it again from that file, reload.
    await node.stop();
    await node.start();
    expect(await node.blockNumber()).toBe(block);
    expect((await market.job(id)).state).toBe(JobState.Dispatched);
    expect(await Promise.all(nodes.map((a) => market.node(a)))).toEqual(before);
    await page.reload();
    await checkAgainstChain();
    expect(await settledText(jobs)).toBe(jobsBefore);
    expect(await settledText(nodesTable)).toBe(nodesBefore);
  } finally {
    await node.dispose();
  }
});

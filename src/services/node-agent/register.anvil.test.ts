// @vitest-environment node
// Registration on a market whose asset is an ERC-20 token (the demo stablecoin, 6 decimals), by the
// agent's own entry point as an operator starts it: terms first, then exactly the stake approved
// and registered, scaled by the token's decimals; a node registered with another role is refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Role } from "../../protocol/enums.ts";
import { devAccounts } from "../../protocol/devAccounts.ts";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { deployMarket } from "../../../scripts/deploy.ts";
import { type AnvilHandle, freePort, startAnvil } from "../../../scripts/lib/anvil.ts";
import { connect } from "../../../scripts/lib/chain.ts";
import { startAgentProcess } from "../../../scripts/lib/spawn-agent.ts";
import { eventually, TOKEN } from "./testing/agent-harness.ts";

let anvil: AnvilHandle;
let dir: string;
beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "agent-register-"));
}, 60_000);
afterAll(async () => {
  await anvil?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("registers a new node on a token market with exactly its stake, terms first; refuses another role", async () => {
  const recordFile = path.join(dir, "deployment.json");
  const { record } = await deployMarket({
    rpcUrl: anvil.rpcUrl,
    recordFile,
    demoToken: true,
    log: () => undefined,
  });
  const ctx = await connect(anvil.rpcUrl);
  const spare = devAccounts[12]!;
  const lines: string[] = [];
  const run = async (role: string) => {
    const agent = startAgentProcess({
      rpcUrl: anvil.rpcUrl,
      port: await freePort(),
      token: TOKEN,
      devAccount: String(spare.index),
      recordFile,
      env: { FEDPAY_ROLE: role, FEDPAY_STAKE: "2.5", FEDPAY_TERMS_MIN_FEE: "0.01", FEDPAY_POLL_MS: "50" },
      log: (line) => lines.push(line),
    });
    return agent;
  };
  const read = (functionName: "getNode" | "termsOf") =>
    ctx.publicClient.readContract({
      address: record.jobMarket,
      abi: jobMarketAbi,
      functionName,
      args: [spare.address],
    } as never) as Promise<never>;

  const agent = await run("do");
  await eventually(
    async () => (await fetch(`${agent.url}/health`).then((r) => r.json())).registered === true,
    30_000,
    "the registration",
  );
  await agent.stop();
  const node = (await read("getNode")) as { role: number; balance: bigint };
  expect(node).toMatchObject({ role: Role.DO, balance: 2_500_000n });
  expect(await read("termsOf")).toMatchObject({
    accepting: true,
    minFee: 10_000n,
    maxCollateral: 2_500_000n,
  });
  const text = lines.join("\n");
  expect(text.indexOf("setNodeTerms")).toBeLessThan(text.indexOf("registerNode"));
  expect(text).toMatch(/approve 2500000 of token .* for the market → tx 0x\w+/);
  expect(text).toMatch(/registerNode as DO with stake 2500000 → tx 0x\w+ \(block \d+\)/);

  lines.length = 0;
  const wrong = await run("mpc");
  expect(await wrong.exited).toBe(1);
  expect(lines.join("\n")).toMatch(/registered as DO, but FEDPAY_ROLE says MPC: refusing to start/);
}, 90_000);

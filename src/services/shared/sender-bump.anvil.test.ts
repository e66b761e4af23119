// @vitest-environment node
// The shared sender's fee bump (docs/rules.md §13; the node agent and the GDS watcher both send
// through it): a transaction that stays unmined because others pay more is sent again with the same
// nonce and higher fees until it is mined, exactly once. Automine is off and the block gas limit
// leaves room for one transaction, so the test decides who gets into each block.
import { numberToHex, parseGwei } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_MNEMONIC, devAccountsWithRole, LOCAL_CHAIN_ID } from "../../protocol/devAccounts.ts";
import { serviceClients } from "./clients.ts";
import { ActionSender, type ActionRules, type SendableAction } from "./sender.ts";
import { dos, type MarketFixture, startMarket, mpcs } from "./testing/market-fixture.ts";
import { sendRaw } from "./testing/raw-send.ts";
import { nonceOf } from "./testing/scenarios.ts";

interface Beat extends SendableAction {
  kind: "heartbeat";
}
const rules: ActionRules<Beat> = {
  call: () => ({ functionName: "heartbeat", args: [] }),
  describe: () => "heartbeat",
  benign: new Set(),
};

let f: MarketFixture;
beforeAll(async () => {
  f = await startMarket();
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

/** A competitor's transaction that fills the (shrunken) block, paying `tip`: 8 kB of calldata burn 149k gas. */
function competitor(tip: bigint) {
  const data = `0x${"ff".repeat(8_000)}` as const;
  return sendRaw(
    f,
    mpcs[2]!,
    { to: mpcs[2]!, data },
    {
      gas: 180_000n,
      priorityFee: tip,
      // Anvil orders its mempool by the fee cap: the competitor's is close to its tip, as a wallet's.
      maxFee: tip + parseGwei("1"),
    },
  );
}

describe("a transaction that stays unmined", () => {
  it("is sent again with the same nonce and higher fees until it gets in, and is mined once", async () => {
    const node = devAccountsWithRole("do")[0]!;
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: node.index });
    expect(account.address).toBe(dos[0]);
    const clients = serviceClients(f.anvil.rpcUrl, LOCAL_CHAIN_ID, account);
    const lines: string[] = [];
    const sender = new ActionSender<Beat>({
      ...clients,
      market: f.market,
      log: (l) => lines.push(l),
      bump: { afterBlocks: 2n, percent: 25n, maxBumps: 10 },
      ...rules,
    });
    const nonce = await nonceOf(f, account.address);
    await f.rpc("evm_setAutomine", [false]);
    await f.rpc("evm_setBlockGasLimit", [numberToHex(200_000n)]);
    try {
      const start = await f.blockNumber();
      const [sent] = await sender.submitEach([{ kind: "heartbeat" }], start);
      expect(sent && "hash" in sent).toBe(true);
      // Competitors outbid it block after block with a tip well above what it was sent with.
      let block = start;
      for (let i = 0; i < 12 && sender.inFlight() > 0; i++) {
        await competitor(parseGwei("3"));
        await f.rpc("evm_mine");
        block = await f.blockNumber();
        await sender.refresh(block);
      }
      expect(sender.inFlight()).toBe(0);
      expect(sender.feeBumps()).toBeGreaterThan(0);
      expect(lines.join("\n")).toMatch(
        /not mined after 2 blocks: fee bump 1 \(max fee [\d.]+ gwei, tip [\d.]+ gwei\) → tx 0x/,
      );
      expect(lines.at(-1)).toMatch(/^\[block \d+\] heartbeat → tx 0x[0-9a-f]{64} \(block \d+\)$/);
      // One heartbeat mined, with the first nonce: the bumps replaced it, they did not add to it.
      expect(await nonceOf(f, account.address)).toBe(nonce + 1);
      expect(sender.actionsTaken()).toEqual({ heartbeat: 1 });
    } finally {
      await f.rpc("evm_setBlockGasLimit", [numberToHex(30_000_000n)]);
      await f.rpc("evm_setAutomine", [true]);
    }
  });
});

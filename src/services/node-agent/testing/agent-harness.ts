// Runs node agents in this process against a test chain and keeps what they print, so tests can read
// their lines and call their API.
import type { LocalAccount } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC, findDevAccount, LOCAL_CHAIN_ID } from "../../../protocol/devAccounts.ts";
import { serviceClients } from "../../shared/clients.ts";
import type { MarketFixture } from "../../shared/testing/market-fixture.ts";
import { type AgentOptions, NodeAgent } from "../agent.ts";
import { type AgentServer, serveAgentApi } from "../api.ts";
import { eventually } from "../../shared/testing/eventually.ts";

export { eventually };

export const TOKEN = "test-token-0123456789";

/** An answer of the API; tests read its JSON field by field. */
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON the API answers
  json: any;
  text: string;
}

export interface TestAgent {
  agent: NodeAgent;
  server: AgentServer;
  account: LocalAccount;
  lines: string[];
  /** A request to the agent's API, with the token unless `token: null`. */
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export function devSigner(address: string): LocalAccount {
  const dev = findDevAccount(address);
  if (!dev) throw new Error(`${address} is not a dev account`);
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: dev.index });
}

export async function startAgent(
  f: MarketFixture,
  address: string,
  overrides: Partial<Omit<AgentOptions, "client" | "wallet" | "chain" | "market" | "log">> = {},
  /** Another way to the chain (a TCP gate for outage tests). */
  rpcUrl = f.anvil.rpcUrl,
): Promise<TestAgent> {
  const account = devSigner(address);
  const { chain, client, wallet } = serviceClients(rpcUrl, LOCAL_CHAIN_ID, account);
  const lines: string[] = [];
  const agent = new NodeAgent({
    client,
    wallet,
    chain,
    market: f.market,
    role: undefined,
    stake: undefined,
    terms: { accepting: true },
    autoChallenge: true,
    progressIntervalMs: 60_000,
    statusEveryBlocks: 0n,
    pollMs: 30,
    backoff: { baseMs: 50, maxMs: 400 },
    fromBlock: 0n,
    pageBlocks: 10_000n,
    log: (line) => lines.push(line),
    ...overrides,
  });
  const server = await serveAgentApi(agent, { port: 0, token: TOKEN, log: (line) => lines.push(line) });
  const stop = new AbortController();
  const running = agent.run(stop.signal).catch((error: unknown) => {
    lines.push(`agent stopped: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    agent,
    server,
    account,
    lines,
    async call(method, path, body, token = TOKEN) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
    async stop() {
      stop.abort();
      await running;
      await server.close();
    },
  };
}

/** Until the agent has run a whole round at the chain's head and has nothing in flight. */
export async function caughtUp(f: MarketFixture, a: TestAgent, ms = 30_000): Promise<void> {
  await eventually(
    async () => a.agent.lastRoundBlock === (await f.blockNumber()) && a.agent.sender.inFlight() === 0,
    ms,
    "the agent to catch up",
  );
}

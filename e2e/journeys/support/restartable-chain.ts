// A copy of the test chain in its own anvil that persists to a state file (as `npm start` runs it),
// so a journey can stop the node and start it again from that file without touching the shared
// chain of the other tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import { type AnvilHandle, freePort, startAnvil } from "../../../scripts/lib/anvil.ts";
import type { TestChain } from "../../fixtures/chain.ts";

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export class RestartableChain {
  private constructor(
    private anvil: AnvilHandle | null,
    private readonly port: number,
    readonly stateFile: string,
    private readonly dir: string,
  ) {}

  /** Starts an anvil with a state file holding everything the test chain holds now. */
  static async copyOf(chain: TestChain): Promise<RestartableChain> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-e2e-restart-"));
    const stateFile = path.join(dir, "state", "anvil-state.json");
    const port = await freePort();
    const anvil = await startAnvil({ port, stateFile });
    await rpc(anvil.rpcUrl, "anvil_loadState", [await chain.rpc<Hex>("anvil_dumpState")]);
    return new RestartableChain(anvil, port, stateFile, dir);
  }

  get rpcUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops the node (it writes its state file on the way out). */
  async stop(): Promise<void> {
    await this.anvil?.stop();
    this.anvil = null;
  }

  /** Starts the node again on the same port from its state file. */
  async start(): Promise<void> {
    if (!fs.existsSync(this.stateFile)) throw new Error(`anvil left no state file at ${this.stateFile}`);
    this.anvil = await startAnvil({ port: this.port, stateFile: this.stateFile });
  }

  blockNumber(): Promise<bigint> {
    return rpc<Hex>(this.rpcUrl, "eth_blockNumber").then(BigInt);
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

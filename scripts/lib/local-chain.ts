// The chain half of `npm start`: anvil with persisted state, compiled contracts and typed ABIs,
// the JobMarket deployed once, the demo seeded once. Separate from the dev server so it can be tested.
import fs from "node:fs";
import path from "node:path";
import type { DeploymentRecord } from "./deployment-record.ts";
import { type AnvilHandle, isPortFree, probeChain, startAnvil } from "./anvil.ts";
import { compileContracts } from "./compile.ts";
import { repoRoot } from "./paths.ts";
import { describeAsset, isNativeAsset } from "../../src/protocol/asset.ts";
import { generateAbis } from "../gen-abi.ts";
import type { SeededJob } from "./seeded-job.ts";

export interface LocalChainOptions {
  port: number;
  /** anvil's state file: loaded at start, saved every 5 s and at stop. */
  stateFile: string;
  /** Default: .data/deployments/31337.json */
  recordFile?: string;
  /** Start from genesis: delete the state file first. */
  reset?: boolean;
  /**
   * The payment asset of a market deployed now: the demo stablecoin (default, minted to the dev
   * accounts) or, with `native`, the chain's own coin. A market already on the chain keeps its asset.
   */
  native?: boolean;
  /** Each step, as it starts. */
  log?: (line: string) => void;
  /** What the deploy and seed scripts say within their step. */
  detail?: (line: string) => void;
}

export interface LocalChain {
  anvil: AnvilHandle;
  rpcUrl: string;
  /** Whether the chain was restored from its state file. */
  resumed: boolean;
  record: DeploymentRecord;
  recordFile: string;
  deployedNow: boolean;
  /** The demo jobs, when this start seeded them (an empty market). */
  seeded: SeededJob[] | undefined;
}

/** Thrown when the port already has a chain or another server on it: nothing was started. */
export class PortTakenError extends Error {}

export async function bringUpLocalChain(options: LocalChainOptions): Promise<LocalChain> {
  const log = options.log ?? (() => undefined);
  const detail = options.detail ?? log;
  const rpcUrl = `http://127.0.0.1:${options.port}`;
  const running = await probeChain(rpcUrl);
  if (running !== undefined) {
    throw new PortTakenError(
      `Port ${options.port} already serves a chain (chain id ${running}): is another \`npm start\` running?\n` +
        `FedPay starts its own chain there. Stop the other one (Ctrl-C in its terminal, or end the process\n` +
        `listening on ${options.port}) and run npm start again.`,
    );
  }
  if (!(await isPortFree(options.port))) {
    throw new PortTakenError(
      `Port ${options.port} is taken by something that is not a chain. Free it and try again.`,
    );
  }

  if (options.reset) {
    fs.rmSync(options.stateFile, { force: true });
    log("Reset: the local chain starts from genesis");
  }
  const resumed = fs.existsSync(options.stateFile);
  log(
    resumed ? `Starting anvil from ${path.relative(repoRoot, options.stateFile)}` : "Starting a fresh anvil",
  );
  const anvil = await startAnvil({ port: options.port, stateFile: options.stateFile });
  try {
    log("Compiling the contracts (a minute or two the first time, cached afterwards)");
    await compileContracts();
    const abis = generateAbis();
    log(`Typed ABIs: ${abis.file} ${abis.changed ? "regenerated" : "up to date"}`);

    // Imported here, not at the top: they read the generated ABI, which the step above writes.
    const { deployMarket } = await import("../deploy.ts");
    const { seedDemo } = await import("../seed.ts");
    log("Deploying JobMarket if the chain does not have it");
    const deployed = await deployMarket({
      rpcUrl,
      recordFile: options.recordFile,
      demoToken: !options.native,
      log: detail,
    });
    const onNative = isNativeAsset(deployed.record.asset);
    if (!deployed.deployedNow && onNative !== Boolean(options.native)) {
      detail(
        `The chain's market was deployed earlier on ${describeAsset(deployed.record.asset)} and keeps it; ` +
          `npm run start:reset${onNative ? "" : " -- --native"} starts from genesis on ${onNative ? "the demo stablecoin" : "the native coin"}.`,
      );
    }
    log("Seeding the demo if the market is empty");
    const seeded = await seedDemo({ rpcUrl, recordFile: deployed.recordFile, log: detail });
    return {
      anvil,
      rpcUrl,
      resumed,
      record: deployed.record,
      recordFile: deployed.recordFile,
      deployedNow: deployed.deployedNow,
      seeded,
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

// Hardhat 2 config, offline: the compiler is the npm `solc` wasm build, never a download.
import { subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-viem";
import "@nomicfoundation/hardhat-network-helpers";

const SOLC_VERSION = "0.8.30";

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  const longVersion = solc.version();
  if (args.solcVersion !== SOLC_VERSION || !longVersion.startsWith(SOLC_VERSION)) {
    throw new Error(`solc ${SOLC_VERSION} expected; config asks ${args.solcVersion}, npm has ${longVersion}`);
  }
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion,
  };
});

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: "cancun",
      viaIR: true,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["storageLayout"] } },
    },
  },
  paths: { sources: "src", tests: "test", cache: "cache", artifacts: "artifacts" },
  // 30 accounts with room for stakes of a million whole coins each (the test world's nodes and QCs).
  networks: {
    hardhat: { hardfork: "cancun", accounts: { count: 30, accountsBalance: (10n ** 30n).toString() } },
  },
  mocha: { timeout: 120_000 },
};

export default config;

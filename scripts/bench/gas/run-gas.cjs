// `npm run bench:gas`: the contracts' gas benchmark (contracts/bench/gas.cts). `hardhat run` starts its
// script as a plain Node entry point, which cannot be a .cts file in this ESM package; this CommonJS shim
// loads the TypeScript benchmark through Hardhat's ts-node hook. The benchmark itself lives beside the
// contract tests whose world it deploys, so that contracts/tsconfig.json types it (the root tsconfig, which
// checks scripts/, knows neither Hardhat's viem extension nor the compiled contracts' types).
// eslint-disable-next-line @typescript-eslint/no-require-imports, no-undef
require("../../../contracts/bench/gas.cts");

// `hardhat run` starts its script as a plain Node entry point, which cannot be a .cts file in this
// ESM package; this CommonJS shim loads the TypeScript benchmark through Hardhat's ts-node hook.
// eslint-disable-next-line @typescript-eslint/no-require-imports, no-undef
require("./gas.cts");

// Storage-layout extraction and upgrade-safety checks with @openzeppelin/upgrades-core, offline:
// the build-info Hardhat wrote, plus a namespaced compile (ERC-7201 layouts) with the npm solc.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  getContractVersion,
  getErrors,
  getStorageLayout,
  getStorageUpgradeReport,
  makeNamespacedInput,
  type SolcInput,
  type SolcOutput,
  solcInputOutputDecoder,
  type StorageLayout,
  validate,
  type ValidationOptions,
  withValidationDefaults,
} from "@openzeppelin/upgrades-core";
import { type Artifact, fullyQualifiedName } from "./artifacts.ts";
import { artifactsDir } from "./paths.ts";

const require = createRequire(import.meta.url);

/**
 * Runs `fn` without upgrades-core's console warnings: it warns on every run that linked libraries
 * are allowed, and upgradeValidationOptions below says once, in the code, why they are. Problems
 * are still thrown or returned, never only logged.
 */
function withoutWarnings<T>(fn: () => T): T {
  const original = console.error;
  console.error = () => undefined;
  try {
    return fn();
  } finally {
    console.error = original;
  }
}

/**
 * What we knowingly allow: the implementation links external libraries (its rules live there, to
 * fit the code size limit); they are stateless and only ever delegatecalled by the market, and the
 * constructor only disables initializers (annotated in the source).
 */
export const upgradeValidationOptions: ValidationOptions = { unsafeAllowLinkedLibraries: true, kind: "uups" };

interface BuildInfo {
  solcVersion: string;
  input: SolcInput;
  output: SolcOutput;
}

/** The build-info file Hardhat recorded for this artifact (not any stale one lying beside it). */
function buildInfoOf(artifact: Artifact): BuildInfo {
  const dbg = path.join(artifactsDir, artifact.sourceName, `${artifact.contractName}.dbg.json`);
  const { buildInfo } = JSON.parse(fs.readFileSync(dbg, "utf8")) as { buildInfo: string };
  return JSON.parse(fs.readFileSync(path.resolve(path.dirname(dbg), buildInfo), "utf8")) as BuildInfo;
}

function compileNamespaced(info: BuildInfo): SolcOutput {
  const input = makeNamespacedInput(info.input, info.output, info.solcVersion);
  // Only the layout matters here: no optimizer, no IR, just ASTs and storage layouts.
  input.settings = {
    ...input.settings,
    viaIR: false,
    optimizer: { enabled: false },
    outputSelection: { "*": { "": ["ast"], "*": ["storageLayout"] } },
  } as SolcInput["settings"];
  const solc = require("solc") as { compile(input: string): string };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput & {
    errors?: { severity: string; formattedMessage: string }[];
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length)
    throw new Error(`Namespaced compile failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  return output;
}

export interface UpgradeSafety {
  layout: StorageLayout;
  /** Human-readable problems with the implementation itself (empty when it is upgrade-safe). */
  errors: string[];
}

/** The implementation's storage layout (namespaces included) and its upgrade-safety problems. */
export function analyzeImplementation(artifact: Artifact): UpgradeSafety {
  const info = buildInfoOf(artifact);
  const decodeSrc = solcInputOutputDecoder(info.input, info.output);
  const namespaced = compileNamespaced(info);
  const runData = validate(info.output, decodeSrc, info.solcVersion, info.input, namespaced);
  const version = getContractVersion(runData, fullyQualifiedName(artifact));
  const errors = withoutWarnings(() =>
    getErrors(runData, version, withValidationDefaults(upgradeValidationOptions)),
  ).map((e) => `${e.kind} at ${e.src}`);
  return { layout: getStorageLayout(runData, version), errors };
}

/** Throws with upgrades-core's explanation when `updated` cannot safely replace `original`. */
export function assertLayoutCompatible(original: StorageLayout, updated: StorageLayout): void {
  const report = withoutWarnings(() =>
    getStorageUpgradeReport(original, updated, withValidationDefaults(upgradeValidationOptions)),
  );
  if (!report.ok) throw new Error(`Storage layout is not upgrade-safe:\n${report.explain(false)}`);
}

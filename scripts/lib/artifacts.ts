// Reads Hardhat artifacts and links external libraries generically from their linkReferences.
import fs from "node:fs";
import path from "node:path";
import type { Abi, Address, Hex } from "viem";
import { artifactsDir, repoRoot } from "./paths.ts";

type LinkReferences = Record<string, Record<string, { start: number; length: number }[]>>;

export interface Artifact {
  contractName: string;
  sourceName: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
  linkReferences: LinkReferences;
  deployedLinkReferences: LinkReferences;
}

/** "src/lib/Settlement.sol:Settlement": the key Hardhat uses in linkReferences and we use in records. */
export function fullyQualifiedName(a: Pick<Artifact, "sourceName" | "contractName">): string {
  return `${a.sourceName}:${a.contractName}`;
}

function listArtifactFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "build-info") out.push(...listArtifactFiles(full));
    } else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
      out.push(full);
    }
  }
  return out;
}

/** Every artifact of the project's own sources (contracts/src), keyed by fully qualified name. */
export function loadAllArtifacts(): Map<string, Artifact> {
  const all = new Map<string, Artifact>();
  for (const file of listArtifactFiles(path.join(artifactsDir, "src"))) {
    const artifact = JSON.parse(fs.readFileSync(file, "utf8")) as Artifact;
    all.set(fullyQualifiedName(artifact), artifact);
  }
  return all;
}

/** The artifact of a contract by plain or fully qualified name; undefined when it is not compiled. */
export function findArtifact(name: string, all = loadAllArtifacts()): Artifact | undefined {
  if (all.has(name)) return all.get(name);
  const matches = [...all.values()].filter((a) => a.contractName === name);
  if (matches.length > 1) {
    throw new Error(`Several artifacts are named ${name}: ${matches.map(fullyQualifiedName).join(", ")}`);
  }
  return matches[0];
}

export function requireArtifact(name: string, all = loadAllArtifacts()): Artifact {
  const artifact = findArtifact(name, all);
  if (!artifact) {
    throw new Error(
      `No artifact for ${name} in ${path.relative(repoRoot, artifactsDir)}: compile the contracts first`,
    );
  }
  return artifact;
}

/** OpenZeppelin's ERC1967Proxy as shipped, prebuilt, in @openzeppelin/contracts (no compile needed). */
export function erc1967ProxyArtifact(): Artifact {
  const file = path.join(repoRoot, "node_modules/@openzeppelin/contracts/build/contracts/ERC1967Proxy.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Artifact;
}

/** Fully qualified names of the libraries an artifact's creation code links, directly. */
export function linkedLibraries(artifact: Artifact): string[] {
  const names: string[] = [];
  for (const [sourceName, libs] of Object.entries(artifact.linkReferences ?? {})) {
    for (const libName of Object.keys(libs)) names.push(`${sourceName}:${libName}`);
  }
  return names;
}

/** Creation bytecode with every library placeholder replaced by its deployed address. */
export function linkBytecode(artifact: Artifact, libraries: Record<string, Address>): Hex {
  let code = artifact.bytecode.slice(2);
  for (const [sourceName, libs] of Object.entries(artifact.linkReferences ?? {})) {
    for (const [libName, refs] of Object.entries(libs)) {
      const address = libraries[`${sourceName}:${libName}`];
      if (!address)
        throw new Error(`${artifact.contractName} links ${sourceName}:${libName}, which is not deployed`);
      const hex = address.slice(2).toLowerCase();
      for (const { start, length } of refs) {
        code = code.slice(0, start * 2) + hex + code.slice((start + length) * 2);
      }
    }
  }
  if (code.includes("__$"))
    throw new Error(`${artifact.contractName} still has unlinked library placeholders`);
  return `0x${code}`;
}

/**
 * Every library `roots` need, dependencies first, so deploying in this order always has the
 * addresses a library's own links require.
 */
export function librariesInDeployOrder(roots: Artifact[], all = loadAllArtifacts()): Artifact[] {
  const ordered: Artifact[] = [];
  const seen = new Set<string>();
  const visit = (fqn: string, chain: string[]) => {
    if (seen.has(fqn)) return;
    if (chain.includes(fqn)) throw new Error(`Library link cycle: ${[...chain, fqn].join(" -> ")}`);
    const lib = all.get(fqn);
    if (!lib) throw new Error(`Linked library ${fqn} has no artifact`);
    for (const dep of linkedLibraries(lib)) visit(dep, [...chain, fqn]);
    seen.add(fqn);
    ordered.push(lib);
  };
  for (const root of roots) for (const fqn of linkedLibraries(root)) visit(fqn, []);
  return ordered;
}

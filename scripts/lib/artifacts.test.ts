// @vitest-environment node
import { describe, expect, it } from "vitest";
import { type Artifact, librariesInDeployOrder, linkBytecode } from "./artifacts.ts";

const placeholder = "__$0123456789abcdef0123456789abcdef01$__"; // 40 chars, as solc writes it
const lib = (name: string, links: Artifact["linkReferences"] = {}): Artifact => ({
  contractName: name,
  sourceName: `src/${name}.sol`,
  abi: [],
  bytecode: "0x00",
  deployedBytecode: "0x00",
  linkReferences: links,
  deployedLinkReferences: {},
});

describe("library linking", () => {
  it("writes each library address at every position its placeholder occupies", () => {
    const artifact = {
      ...lib("Market", {
        "src/Logic.sol": {
          Logic: [
            { start: 1, length: 20 },
            { start: 22, length: 20 },
          ],
        },
      }),
      bytecode: `0x60${placeholder}61${placeholder}00`,
    } as Artifact;
    const address = "0x00000000000000000000000000000000000000aB";
    const linked = linkBytecode(artifact, { "src/Logic.sol:Logic": address });
    expect(linked).toBe(`0x60${"00".repeat(19)}ab61${"00".repeat(19)}ab00`);
  });

  it("refuses to link when a library address is missing", () => {
    const artifact = {
      ...lib("Market", { "src/Logic.sol": { Logic: [{ start: 1, length: 20 }] } }),
      bytecode: `0x60${placeholder}`,
    } as Artifact;
    expect(() => linkBytecode(artifact, {})).toThrow(/src\/Logic.sol:Logic/);
  });

  it("orders libraries so that each comes after the libraries it links", () => {
    const all = new Map<string, Artifact>([
      ["src/A.sol:A", lib("A", { "src/B.sol": { B: [{ start: 0, length: 20 }] } })],
      ["src/B.sol:B", lib("B")],
    ]);
    const market = lib("Market", {
      "src/A.sol": { A: [{ start: 0, length: 20 }] },
      "src/B.sol": { B: [{ start: 20, length: 20 }] },
    });
    expect(librariesInDeployOrder([market], all).map((a) => a.contractName)).toEqual(["B", "A"]);
  });
});

// Offline storage-layout validation with @openzeppelin/upgrades-core (TOOLCHAIN.md): the real V2
// passes against JobMarket; a V2 that reorders the market's ERC-7201 namespace is rejected.
// Each candidate is validated on a private copy of the one build-info file that compiled it together
// with JobMarket, so stale build-info files of earlier incremental compiles cannot confuse the tool
// ("Found multiple contracts with name ...").
import hre from "hardhat";
import { expect } from "chai";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateUpgradeSafety } from "@openzeppelin/upgrades-core";

async function validateAgainstJobMarket(fullyQualifiedName: string) {
  const buildInfo = await hre.artifacts.getBuildInfo(fullyQualifiedName);
  expect(buildInfo, `build info of ${fullyQualifiedName}`).to.not.equal(undefined);
  expect(Object.keys(buildInfo!.output.contracts)).to.include("src/JobMarket.sol");
  const dir = mkdtempSync(path.join(tmpdir(), "fedpay-layout-"));
  try {
    writeFileSync(path.join(dir, `${buildInfo!.id}.json`), JSON.stringify(buildInfo));
    const contractName = fullyQualifiedName.split(":")[1];
    // The market links external libraries (deployed once, stateless): allowed explicitly.
    return await validateUpgradeSafety(dir, contractName, "JobMarket", { unsafeAllowLinkedLibraries: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("upgrade: storage layout validation (upgrades-core, offline)", function () {
  this.timeout(60_000);

  it("accepts JobMarketV2 (V1 layout kept, new field in its own namespace)", async () => {
    const report = await validateAgainstJobMarket("src/test-helpers/JobMarketV2.sol:JobMarketV2");
    expect(report.ok, report.explain()).to.equal(true);
  });

  it("accepts a V2 that appends a field at the end of the JobMarket namespace itself", async () => {
    const report = await validateAgainstJobMarket(
      "src/test-helpers/AppendedLayoutJobMarketV2.sol:AppendedLayoutJobMarketV2",
    );
    expect(report.ok, report.explain()).to.equal(true);
  });

  it("rejects a V2 that reorders the JobMarket namespace", async () => {
    const report = await validateAgainstJobMarket("src/test-helpers/BrokenJobMarketV2.sol:BrokenJobMarketV2");
    expect(report.ok).to.equal(false);
    const explanation = report.explain();
    if (process.env.FEDPAY_SHOW_LAYOUT) console.log(explanation);
    // Swapping two fields shows as one deleted and one inserted: a layout error, not something else.
    expect(explanation).to.match(/Deleted `params`/);
    expect(explanation).to.match(/Inserted `params`/);
  });
});

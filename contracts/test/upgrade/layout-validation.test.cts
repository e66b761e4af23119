// Offline storage-layout validation with @openzeppelin/upgrades-core: the market against the frozen
// release 1 (its build-info in test/fixtures/release1), the next version's test targets against the
// market, and a version that reorders the market's ERC-7201 namespace is rejected.
// Each candidate is validated on a private copy of the one build-info file that compiled it together
// with JobMarket, so stale build-info files of earlier incremental compiles cannot confuse the tool
// ("Found multiple contracts with name ...").
import hre from "hardhat";
import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateUpgradeSafety } from "@openzeppelin/upgrades-core";
import { RELEASE1_BUILD_INFO } from "../helpers/release1.cjs";

/** Validates a contract as built now (default the market) against release 1 (`release1:JobMarket`). */
async function validateAgainstRelease1(fullyQualifiedName = "src/JobMarket.sol:JobMarket") {
  const buildInfo = await hre.artifacts.getBuildInfo(fullyQualifiedName);
  const root = mkdtempSync(path.join(tmpdir(), "fedpay-release1-"));
  try {
    const current = path.join(root, "current");
    const release1 = path.join(root, "release1");
    mkdirSync(current);
    mkdirSync(release1);
    writeFileSync(path.join(current, `${buildInfo!.id}.json`), JSON.stringify(buildInfo));
    writeFileSync(path.join(release1, "release1.json"), gunzipSync(readFileSync(RELEASE1_BUILD_INFO)));
    return await validateUpgradeSafety(
      current,
      fullyQualifiedName.split(":")[1],
      "release1:JobMarket",
      { unsafeAllowLinkedLibraries: true },
      [release1],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

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

  it("accepts the market against release 1: release 2's storage appended at the end, no slot moved", async () => {
    const report = await validateAgainstRelease1();
    expect(report.ok, report.explain()).to.equal(true);
  });

  it("rejects, against release 1 too, a version that reorders the JobMarket namespace", async () => {
    const report = await validateAgainstRelease1(
      "src/test-helpers/BrokenJobMarketNext.sol:BrokenJobMarketNext",
    );
    expect(report.ok).to.equal(false);
    expect(report.explain()).to.match(/Deleted `params`/);
  });

  it("accepts JobMarketNext (the market's layout kept, a new field in its own namespace)", async () => {
    const report = await validateAgainstJobMarket("src/test-helpers/JobMarketNext.sol:JobMarketNext");
    expect(report.ok, report.explain()).to.equal(true);
  });

  it("accepts a next version that appends a field at the end of the JobMarket namespace itself", async () => {
    const report = await validateAgainstJobMarket(
      "src/test-helpers/AppendedLayoutJobMarketNext.sol:AppendedLayoutJobMarketNext",
    );
    expect(report.ok, report.explain()).to.equal(true);
  });

  it("rejects a next version that reorders the JobMarket namespace", async () => {
    const report = await validateAgainstJobMarket(
      "src/test-helpers/BrokenJobMarketNext.sol:BrokenJobMarketNext",
    );
    expect(report.ok).to.equal(false);
    const explanation = report.explain();
    if (process.env.FEDPAY_SHOW_LAYOUT) console.log(explanation);
    // Swapping two fields shows as one deleted and one inserted: a layout error, not something else.
    expect(explanation).to.match(/Deleted `params`/);
    expect(explanation).to.match(/Inserted `params`/);
  });
});

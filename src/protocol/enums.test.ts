// @vitest-environment node
// The TypeScript tables name the same numbers as the Solidity enums of contracts/src/types/JobEnums.sol.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { FailureReason, JobState, JobType, Role, Status, TaskType } from "./enums.ts";

const source = fs.readFileSync(new URL("../../contracts/src/types/JobEnums.sol", import.meta.url), "utf8");

function solidityEnum(name: string): string[] {
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(source)?.[1];
  if (!body) throw new Error(`enum ${name} not found in JobEnums.sol`);
  return body.split(",").map((member) => member.trim());
}

describe("enum tables match contracts/src/types/JobEnums.sol", () => {
  const cases: [string, Record<string, number>][] = [
    ["JobState", JobState],
    ["NodeRole", Role],
    ["JobType", JobType],
    ["TaskType", TaskType],
    ["Status", Status],
    ["FailureReason", FailureReason],
  ];
  it.each(cases)("%s", (name, table) => {
    expect(Object.entries(table)).toEqual(solidityEnum(name).map((member, i) => [member, i]));
  });
});

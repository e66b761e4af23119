import { describe, expect, it } from "vitest";
import { jobTopics } from "./marketLogs.ts";
import { participant } from "../../protocol/testing/viewData.ts";
import { jobTouchedAt, lastTouches, topicWord, touchWords } from "./touches.ts";

const JOB = "0x123e4567e89b42d3a456426614174000";
const DO = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

describe("touches", () => {
  it("words are the topics the node puts in a log: ids padded right, accounts padded left", () => {
    expect(topicWord(JOB, "id")).toBe(jobTopics(JOB)[1]);
    expect(topicWord(DO, "account")).toBe(`0x${"0".repeat(24)}${DO.slice(2).toLowerCase()}`);
  });

  it("watches a job's id and its participants' accounts", () => {
    const words = touchWords([JOB], new Map([[JOB, [participant({ account: DO })]]]));
    expect(words).toHaveLength(2);
    expect(words).toContain(topicWord(DO, "account"));
  });

  it("a job is touched at the last block that named it or a participant", () => {
    const touches = lastTouches([
      { topics: ["0xsig", topicWord(JOB, "id")], blockNumber: 5n },
      { topics: ["0xsig", topicWord(DO, "account").toUpperCase() as `0x${string}`], blockNumber: 9n },
      { topics: ["0xsig", topicWord(JOB, "id")], blockNumber: 7n },
    ]);
    expect(jobTouchedAt(JOB, undefined, touches)).toBe(7n);
    expect(jobTouchedAt(JOB, [participant({ account: DO })], touches)).toBe(9n);
    expect(jobTouchedAt("0x00000000000000000000000000000001", undefined, touches)).toBe(0n);
  });
});

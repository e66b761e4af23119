import { describe, expect, it } from "vitest";
import { isBulkRequest } from "./rpcTransport.ts";

const lens = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("bulk requests", () => {
  it("are log reads and calls to the lens, whatever the address case", () => {
    expect(isBulkRequest({ method: "eth_getLogs", params: [{}] } as never, lens)).toBe(true);
    expect(
      isBulkRequest({ method: "eth_call", params: [{ to: lens.toLowerCase(), data: "0x" }, "latest"] }, lens),
    ).toBe(true);
  });

  it("are not the small reads", () => {
    const market = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    expect(isBulkRequest({ method: "eth_call", params: [{ to: market, data: "0x" }, "latest"] }, lens)).toBe(
      false,
    );
    expect(isBulkRequest({ method: "eth_blockNumber" }, lens)).toBe(false);
  });
});

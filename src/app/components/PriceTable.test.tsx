import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { priceOf } from "../../protocol/money/index.ts";
import { PriceTable } from "./PriceTable.tsx";

afterEach(cleanup);

describe("PriceTable", () => {
  it("shows every item of the preview, exact to the wei", () => {
    const ether = 10n ** 18n;
    const price = priceOf({
      jobType: 0,
      doPrices: Array(10).fill(1000n * ether),
      modelComplexityFactor: 1,
      mpcCount: 2,
      mpcPrice: 500n * ether + 1n,
      gdsFeeBps: 1000,
    });
    render(<PriceTable price={price} mpcCount={2} testId="quote" />);
    // MPC fees 2 × (500 ETH + 1 wei); the GDS fee rounds the 0.2 wei down; the total keeps the 2 wei.
    expect(screen.getByTestId("quote-total").textContent).toBe("12,100.000000000000000002 ETH");
    expect(screen.getByText("DO fees").nextElementSibling?.textContent).toBe("10,000 ETH");
    expect(screen.getByText("MPC fees (2 × each)").nextElementSibling?.textContent).toBe(
      "1,000.000000000000000002 ETH",
    );
    expect(screen.getByText("GDS fee").nextElementSibling?.textContent).toBe("1,100 ETH");
  });
});

import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { AssetContext } from "../hooks/useAsset.ts";
import { AmountInput } from "./AmountInput.tsx";
import { Coin } from "./Coin.tsx";

const fdUsd = {
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  decimals: 6,
  symbol: "fdUSD",
  permit: true,
} as const;

function Harness() {
  const [value, setValue] = useState("");
  return <AmountInput label="Amount" value={value} onChange={setValue} hint="In coins." />;
}

afterEach(cleanup);

describe("AmountInput", () => {
  it("is labelled, shows the hint, then the validation message once typed", () => {
    render(<Harness />);
    const input = screen.getByLabelText("Amount");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByText("In coins.")).toBeTruthy();
    fireEvent.change(input, { target: { value: "1e18" } });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Use digits and one decimal point, e.g. 1.5.")).toBeTruthy();
    fireEvent.change(input, { target: { value: "1.5" } });
    expect(input.getAttribute("aria-invalid")).toBe("false");
  });

  it("parses and labels in the market's asset: a 6-decimal token takes at most 6 places", () => {
    render(
      <AssetContext.Provider value={fdUsd}>
        <Harness />
        <Coin wei={12_100_000_001n} testId="coin" />
      </AssetContext.Provider>,
    );
    const input = screen.getByLabelText("Amount");
    expect(screen.getByText("fdUSD")).toBeTruthy();
    fireEvent.change(input, { target: { value: "0.0000001" } });
    expect(screen.getByText("At most 6 decimals.")).toBeTruthy();
    fireEvent.change(input, { target: { value: "0.000001" } });
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByTestId("coin").textContent).toBe("12,100.000001 fdUSD");
  });
});

import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { AmountInput } from "./AmountInput.tsx";

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
});

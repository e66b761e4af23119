import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TxState } from "../hooks/useRunTransaction.ts";
import { TxButton } from "./TxButton.tsx";

const hook = vi.hoisted(() => ({ state: { phase: "idle" } as TxState, run: vi.fn(), reset: vi.fn() }));
vi.mock("../hooks/useRunTransaction.ts", () => ({ useRunTransaction: () => hook }));

const call = { functionName: "heartbeat" as const, args: [] };

beforeEach(() => {
  hook.state = { phase: "idle" };
  hook.run.mockReset().mockResolvedValue(true);
});

afterEach(cleanup);

describe("TxButton", () => {
  it("is disabled and says why when the form is not ready", () => {
    render(<TxButton label="Withdraw" call={null} disabledReason="Enter an amount." />);
    const button = screen.getByRole("button", { name: "Withdraw" });
    expect(button).toHaveProperty("disabled", true);
    expect(screen.getByRole("status").textContent).toBe("Enter an amount.");
    expect(button.getAttribute("aria-describedby")).toBe(screen.getByRole("status").id);
  });

  it("sends at once without a confirmation", () => {
    render(<TxButton label="Heartbeat" call={call} />);
    fireEvent.click(screen.getByRole("button", { name: "Heartbeat" }));
    expect(hook.run).toHaveBeenCalledWith(call);
  });

  it("asks first when the action is costly, and sends only on yes", () => {
    render(<TxButton label="Cancel job" call={call} confirm="It costs 6 ETH." />);
    fireEvent.click(screen.getByRole("button", { name: "Cancel job" }));
    expect(screen.getByRole("alertdialog").textContent).toContain("It costs 6 ETH.");
    expect(hook.run).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Keep as is" }));
    expect(hook.run).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Cancel job" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel job" }));
    expect(hook.run).toHaveBeenCalledWith(call);
  });

  it("shows progress, then the outcome", () => {
    hook.state = { phase: "signing" };
    const { rerender } = render(<TxButton label="Pay" call={call} />);
    expect(screen.getByRole("button").textContent).toBe("Confirm in your wallet…");
    expect(screen.getByRole("button")).toHaveProperty("disabled", true);
    hook.state = { phase: "confirmed", blockNumber: 7n };
    rerender(<TxButton label="Pay" call={call} />);
    expect(screen.getByRole("status").textContent).toBe("Confirmed in block 7.");
    hook.state = { phase: "reverted", message: "The market is paused." };
    rerender(<TxButton label="Pay" call={call} />);
    expect(screen.getByRole("status").textContent).toBe("The market is paused.");
  });
});

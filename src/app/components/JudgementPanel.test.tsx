import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TxState } from "../hooks/useRunTransaction.ts";
import { JobState } from "../../protocol/enums.ts";
import { jobView, participant } from "../../protocol/testing/viewData.ts";
import { JudgementPanel } from "./JudgementPanel.tsx";

const hook = vi.hoisted(() => ({ state: { phase: "idle" } as TxState, run: vi.fn(), reset: vi.fn() }));
vi.mock("../hooks/useRunTransaction.ts", async (original) => ({
  ...(await original<typeof import("../hooks/useRunTransaction.ts")>()),
  useRunTransaction: () => hook,
}));

vi.mock("wagmi", () => ({ useAccount: () => ({ address: undefined }) }));

afterEach(cleanup);

const DO1 = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
const DO2 = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" as const;
const judged = jobView({
  state: JobState.Judged,
  judgedAt: 100n,
  challengeDeadline: 7300n,
  arbitrationDeadline: 57700n,
  bond: 50n,
  named: [DO2],
});
const participants = [
  participant({ account: DO1, fee: 500n }),
  participant({ account: DO2, fee: 500n, named: true }),
  participant({ account: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", role: 2, fee: 100n }),
];

describe("JudgementPanel", () => {
  it("shows the named participant its deadline, what is at stake, and the Challenge button", () => {
    render(<JudgementPanel job={judged} participants={participants} block={7290n} me={DO2} />);
    expect(screen.getByText(/The GDS judged you non-compliant/)).toBeTruthy();
    expect(screen.getByTestId(`judgement-deadline-${judged.id}`).textContent).toBe(
      "A named participant may challenge it before block 7300 (10 blocks left); unchallenged, it is upheld.",
    );
    // Upheld: k = 1, detectedFineBps 100 % of C = 1000 wei. Overturned: the whole bond.
    expect(screen.getByTestId(`judgement-fine-${judged.id}`).textContent).toBe("0.000000000000001 ETH");
    expect(screen.getByTestId(`judgement-overturn-credit-${judged.id}`).textContent).toBe(
      "0.00000000000000005 ETH",
    );
    expect(screen.getByRole("button", { name: "Challenge the judgement" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Settle the judgement/ })).toBeNull();
  });

  it("offers no challenge to others, and the public settle once the window passed", () => {
    render(<JudgementPanel job={judged} participants={participants} block={7300n} me={DO1} />);
    expect(screen.queryByRole("button", { name: "Challenge the judgement" })).toBeNull();
    expect(screen.getByRole("button", { name: "Settle the judgement (upheld)" })).toBeTruthy();
  });

  it("settles a challenge as overturned once the arbitration deadline passed, and shows nothing otherwise", () => {
    const challenged = { ...judged, state: JobState.Challenged, challenger: DO2 };
    const { unmount } = render(
      <JudgementPanel job={challenged} participants={participants} block={57700n} />,
    );
    expect(screen.getByRole("button", { name: "Settle the judgement (overturned)" })).toBeTruthy();
    unmount();
    const { container } = render(
      <JudgementPanel job={jobView()} participants={participants} block={7300n} me={DO2} />,
    );
    expect(container.textContent).toBe("");
  });
});

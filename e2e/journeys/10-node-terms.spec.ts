// Journey 10: a new DO registers with its terms set first (the safe defaults: any GDS, any fee, at most
// its stake per job), then tightens them on the node page; the GDS console says why that DO cannot be
// ordered — before anything is sent — and the contract agrees (docs/rules.md §11.1, §11.9).
import { parseEther } from "viem";
import { Role } from "../../src/protocol/enums.ts";
import { cast } from "./support/constants.ts";
import { expect, test } from "./support/test.ts";
import { actAs, goTo, openApp, sendTx } from "./support/ui.ts";

const newcomer = cast.spares[0]!;
const gds = cast.gds;
const qc = cast.qcs[0]!;
const stake = parseEther("1");

// The native-coin market: journeys 1, 2 and 12 (token payments) cover the token's units.
test.use({ walletAccount: newcomer, marketVariant: "native" });

test("journey 10: a node's terms make the GDS console say why it is not orderable", async ({
  page,
  jw,
  market,
  units,
}) => {
  const { coin } = units;
  test.setTimeout(90_000);
  await openApp(page, jw);
  await goTo(page, "Node");

  // ── Register: terms first, filled with the defaults for the stake typed ──
  await page.getByTestId("register-stake").fill("1");
  await expect(page.getByTestId("register-terms-max-collateral")).toHaveValue("1");
  await expect(page.getByTestId("register-terms-gds")).toHaveValue("");
  await expect(page.getByTestId("register-terms-accepting")).toBeChecked();
  await expect(page.getByTestId("register-button-status")).toContainText("Save your terms first");
  await sendTx(page, "register-terms-button");
  await expect(page.getByTestId("register-terms-saved")).toContainText(
    `accepting orders · any GDS · any fee · collateral at most ${coin(stake)}`,
  );
  // Once registered, the register card gives way to the node's status (its own status line goes with it).
  await page.getByTestId("register-button").click();
  await expect(page.getByTestId("node-status")).toContainText("Registered as DO");
  const registered = await market.node(newcomer);
  expect(registered.role).toBe(Role.DO);
  expect(registered.termsSet).toBe(true);
  expect(registered.terms.maxCollateral).toBe(stake);

  // ── Tighten them on the node page: at most 0.5 per job ──
  await expect(page.getByTestId("terms-current")).toContainText(`collateral at most ${coin(stake)}`);
  await page.getByTestId("terms-max-collateral").fill("0.5");
  await sendTx(page, "terms-button");
  await expect(page.getByTestId("terms-current")).toContainText(
    `collateral at most ${coin(parseEther("0.5"))}`,
  );
  expect((await market.node(newcomer)).terms.maxCollateral).toBe(parseEther("0.5"));

  // ── The GDS console: the DO's terms on its row, and why this order cannot take it ──
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  const key = newcomer.toLowerCase();
  await expect(page.getByTestId(`order-dos-terms-${key}`)).toContainText(
    `collateral at most ${coin(parseEther("0.5"))}`,
  );
  await page.getByTestId("order-qc").fill(qc);
  await page.getByTestId(`order-dos-pick-${key}`).check();
  await page.getByTestId(`order-price-${key}`).fill("0.8");
  await page.getByTestId("order-mpc-price").fill("0.01");
  const why = `it locks at most ${coin(parseEther("0.5"))} of collateral (this job needs ${coin(parseEther("0.8"))})`;
  await expect(page.getByTestId(`order-dos-refused-${key}`)).toContainText(why);
  const status = page.getByTestId("place-order-button-status");
  await expect(status).toContainText("cannot be ordered");
  await expect(status).toContainText(why);
  await expect(page.getByTestId("place-order-button")).toBeDisabled();
  const signaturesBefore = jw.signatureRequests;

  // The contract refuses the same order: the console said so before sending anything.
  await expect(
    market.placeOrder(
      gds,
      {
        jobType: 0,
        qc,
        dos: [newcomer],
        doPrices: [parseEther("0.8")],
        factor: 1,
        mpcCount: 1,
        totalEpochs: 2,
      },
      parseEther("0.01"),
    ),
  ).rejects.toThrow(/JobMarketTermsRejected/);

  // A price within the terms makes the DO orderable again.
  await page.getByTestId(`order-price-${key}`).fill("0.4");
  await expect(page.getByTestId(`order-dos-refused-${key}`)).toHaveCount(0);
  await expect(page.getByTestId("place-order-button")).toBeEnabled();

  // Not accepting: said on the row even before the DO is priced.
  await actAs(page, jw, newcomer);
  await goTo(page, "Node");
  await page.getByTestId("terms-accepting").uncheck();
  await sendTx(page, "terms-button");
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  await expect(page.getByTestId(`order-dos-refused-${key}`)).toContainText("it is not accepting orders");
  expect(jw.signatureRequests).toBe(signaturesBefore + 1); // only the node's own terms were signed
});

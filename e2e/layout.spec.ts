// Every page reads on a phone: at 390 × 844 no route scrolls sideways (wide tables scroll inside
// their own box) and no control sticks out of its card, with the header's acting-account widget
// shown; the same on a laptop. A screenshot of each page is attached to the test's results for a
// person to look at.
import type { Page, TestInfo } from "@playwright/test";
import { newJobId } from "../src/protocol/jobId.ts";
import { priceOf } from "../src/protocol/money/index.ts";
import type { TestChain } from "./fixtures/chain.ts";
import { connectDevWallet, connectInjectedWallet, devAccount, expect, test } from "./fixtures/test.ts";

const phone = { width: 390, height: 844 };
const laptop = { width: 1280, height: 800 };

/** The elements sticking out past the right edge of the page (not clipped by a scroll box). */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clippedWithin = (el: Element, root: Element) => {
      for (let p = el.parentElement; p && p !== root; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== "visible" && p !== document.documentElement && p !== document.body)
          return true;
      }
      return false;
    };
    const out = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`)
      .slice(0, 8);
    // A card whose content sticks out of it does not widen the page, but reads as broken.
    const outOfCard = [...document.querySelectorAll("main section")].flatMap((card) => {
      const right = card.getBoundingClientRect().right;
      return [...card.querySelectorAll("input, select, button, textarea, table")]
        .filter((el) => el.getBoundingClientRect().right > right + 0.5 && !clippedWithin(el, card))
        .map((el) => `${card.getAttribute("aria-label") ?? "card"}: ${el.tagName.toLowerCase()}`);
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      out,
      outOfCard: outOfCard.slice(0, 8),
    };
  });
}

async function checkRoute(page: Page, testInfo: TestInfo, path: string, name: string) {
  const width = page.viewportSize()?.width ?? 0;
  await page.goto(path);
  await expect(page.getByText("Loading page…")).toHaveCount(0);
  await expect(page.locator("main")).not.toBeEmpty();
  await expect(page.getByText("This page failed")).toHaveCount(0);
  // The pages fill in as their reads land: measure once nothing says it is still reading.
  await expect(page.getByText(/^(Loading|Reading)\b.*…$/)).toHaveCount(0, { timeout: 15_000 });
  const result = await overflowing(page);
  const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${width}px-${name}.png`) });
  await testInfo.attach(`${width} px ${path}`, { body: shot, contentType: "image/png" });
  expect(
    result.scrollWidth,
    `${path} scrolls sideways at ${width} px; sticking out: ${result.out.join(", ")}`,
  ).toBeLessThanOrEqual(result.innerWidth);
  expect(result.outOfCard, `${path}: controls sticking out of their card`).toEqual([]);
}

/** Every route, the job page with a seeded job. */
async function routes(chain: TestChain): Promise<[string, string][]> {
  const job = await chain.publicClient.readContract({ ...chain.market, functionName: "jobIdAt", args: [1n] });
  return [
    ["/", "home"],
    ["/qc", "qc"],
    ["/node", "node"],
    ["/gds", "gds"],
    ["/dashboard", "dashboard"],
    ["/admin", "admin"],
    [`/jobs/${job}`, "job"],
    ["/no-such-page", "not-found"],
  ];
}

for (const [device, viewport] of [
  ["phone", phone],
  ["laptop", laptop],
] as const)
  test.describe(`${device} layout (${viewport.width} × ${viewport.height})`, () => {
    test.use({ viewport });

    test("no route scrolls sideways, with the dev-account picker in the header", async ({
      page,
      chain,
    }, testInfo) => {
      const all = await routes(chain);
      await page.goto("/");
      await connectDevWallet(page, devAccount("qc", 1));
      for (const [path, name] of all) await checkRoute(page, testInfo, path, name);
    });

    test("the QC page with more open jobs than one page (pager shown)", async ({ page, chain }, testInfo) => {
      const qc = devAccount("qc", 1).address;
      const gds = devAccount("gds", 1).address;
      const dos = [devAccount("do", 1).address, devAccount("do", 2).address];
      // Tiny in any asset (0.001 of a 6-decimal token): well within the seeded stakes of 5.
      const price = 1_000n;
      const params = await chain.publicClient.readContract({ ...chain.market, functionName: "parameters" });
      const { total } = priceOf({
        jobType: 0,
        doPrices: dos.map(() => price),
        modelComplexityFactor: 1,
        mpcCount: 1,
        mpcPrice: price,
        gdsFeeBps: params.gdsFeeBps,
      });
      for (let i = 0; i < 6; i++) {
        const id = newJobId();
        await chain.walletFor(gds).writeContract({
          ...chain.market,
          functionName: "placeOrder",
          args: [id, 0, qc, dos, dos.map(() => price), 1, 1, 3, total],
          account: gds,
          chain: null,
        } as never);
      }
      await page.goto("/");
      await connectDevWallet(page, devAccount("qc", 1));
      await checkRoute(page, testInfo, "/qc", "qc-paged");
      await expect(page.getByRole("navigation", { name: "open jobs pages" })).toContainText("Page 1 of 2");
    });

    test("the header keeps to the screen with an injected wallet and with no wallet", async ({
      page,
      wallet,
    }, testInfo) => {
      await checkRoute(page, testInfo, "/", "home-disconnected");
      await connectInjectedWallet(page, wallet);
      await checkRoute(page, testInfo, "/qc", "qc-injected");
    });
  });

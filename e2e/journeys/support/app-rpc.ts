// The app is built with the test anvil's RPC URL. To put something else behind that URL (an
// outage gate, a restarted chain) the page's requests to it are passed on to `target`; when the
// target does not answer, the browser sees a refused connection, as it would without a node.
import type { Page, Route } from "@playwright/test";

export class AppRpc {
  private target: string;

  private constructor(
    private readonly builtUrl: URL,
    target: string,
  ) {
    this.target = target;
  }

  /** Installs the redirect; call before page.goto. */
  static async redirect(page: Page, builtRpcUrl: string, target: string): Promise<AppRpc> {
    const rpc = new AppRpc(new URL(builtRpcUrl), target);
    await page.route(
      (url) => url.origin === rpc.builtUrl.origin,
      (route) => rpc.pass(route),
    );
    return rpc;
  }

  pointTo(target: string): void {
    this.target = target;
  }

  private async pass(route: Route): Promise<void> {
    try {
      const response = await route.fetch({ url: this.target, timeout: 5_000, maxRetries: 0 });
      await route.fulfill({ response });
    } catch {
      // Target down (or the page closed meanwhile): a refused connection, as without a node.
      await route.abort("connectionrefused").catch(() => undefined);
    }
  }
}

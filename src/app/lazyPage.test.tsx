import { act, cleanup, render, screen } from "@testing-library/react";
import { Component, Suspense, type ComponentType, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lazyPage } from "./lazyPage.tsx";

afterEach(cleanup);

const pageModule = { default: () => <h1>The page</h1> };

class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

function renderInSuspense(Page: ComponentType) {
  render(
    <Suspense fallback={<p>Loading page…</p>}>
      <Page />
    </Suspense>,
  );
}

describe("lazyPage", () => {
  // React.lazy fails this one: its first render suspends even with the module in.
  it("renders a preloaded page at once, without the fallback, and loads its code once", async () => {
    const load = vi.fn(() => Promise.resolve(pageModule));
    const { Page, preload } = lazyPage(load);
    await preload();
    renderInSuspense(Page);
    expect(screen.getByRole("heading", { name: "The page" })).toBeTruthy();
    expect(screen.queryByText("Loading page…")).toBeNull();
    await preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("loads the page's code when first rendered (a page reached by navigating)", async () => {
    const load = vi.fn(() => Promise.resolve(pageModule));
    const { Page } = lazyPage(load);
    await act(async () => renderInSuspense(Page));
    expect(screen.getByRole("heading", { name: "The page" })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("hands a failed load to the page's error boundary", async () => {
    const { Page, preload } = lazyPage(() => Promise.reject(new Error("chunk failed")));
    await expect(preload()).rejects.toThrow("chunk failed");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await act(async () =>
      render(
        <Boundary>
          <Suspense fallback={<p>Loading page…</p>}>
            <Page />
          </Suspense>
        </Boundary>,
      ),
    );
    expect(screen.getByRole("alert").textContent).toBe("chunk failed");
    quiet.mockRestore();
  });
});

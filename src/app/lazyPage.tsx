import { use, type ComponentType } from "react";

/** A page module: its default export is the page component. */
export interface PageModule {
  default: ComponentType;
}

/** A page whose code is its own chunk, loaded on first render or earlier through `preload`. */
export interface LazyPage {
  /** Renders the page; suspends while its code loads. */
  Page: ComponentType;
  /** Starts loading the page's code (once) and settles when it is in: the promise Page renders from. */
  preload: () => Promise<PageModule>;
}

/**
 * Like React.lazy, but a page whose code is already in renders at once. React.lazy suspends on its
 * first render even then (it learns of the module a microtask later), so the Suspense fallback
 * shows and React then holds the page back up to 300 ms (its fallback throttle).
 */
export function lazyPage(load: () => Promise<PageModule>): LazyPage {
  let loading: Promise<PageModule> | undefined;
  let loaded: PageModule | undefined;
  const preload = () => (loading ??= load().then((module) => (loaded = module)));
  function Page() {
    const { default: Component } = loaded ?? use(preload());
    return <Component />;
  }
  return { Page, preload };
}

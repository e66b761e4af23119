import { BrowserRouter, matchPath, Route, Routes } from "react-router-dom";
import { lazyPage, type LazyPage } from "./lazyPage.tsx";
import { AppLayout } from "./layout/AppLayout.tsx";
import { NotFound } from "./layout/NotFound.tsx";

// Each page is its own chunk, loaded when first visited: the first load carries only the shell
// (docs/rules.md §10 budget); main.tsx preloads the one opened directly. Declarative routes, not a data
// router: it keeps ~15 kB gzip of router code out of the first load, and the pages read the chain
// through wagmi/TanStack Query, not loaders.

/** The pages of docs/rules.md §9: path (relative to /) and module (default export = page component). */
export const pageRoutes: ({ path: string } & LazyPage)[] = [
  { path: "/", ...lazyPage(() => import("./pages/home/HomePage.tsx")) },
  { path: "/qc", ...lazyPage(() => import("./pages/qc/QcPage.tsx")) },
  { path: "/node", ...lazyPage(() => import("./pages/node/NodePage.tsx")) },
  { path: "/gds", ...lazyPage(() => import("./pages/gds/GdsPage.tsx")) },
  { path: "/dashboard", ...lazyPage(() => import("./pages/dashboard/DashboardPage.tsx")) },
  { path: "/jobs/:id", ...lazyPage(() => import("./pages/job/JobPage.tsx")) },
  { path: "/arbiter", ...lazyPage(() => import("./pages/arbiter/ArbiterPage.tsx")) },
  { path: "/admin", ...lazyPage(() => import("./pages/admin/AdminPage.tsx")) },
];

/**
 * Starts loading the code of the page at `pathname` (matched as AppRoutes below matches it); settles
 * (never rejects) once it is in, at once for a path with no page. A failed load is left for the
 * page's own render to report, through its error boundary.
 */
export function preloadPage(pathname: string): Promise<void> {
  const route = pageRoutes.find(({ path }) => matchPath(path, pathname));
  return route ? route.preload().then(noop, noop) : Promise.resolve();
}

const noop = () => undefined;

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          {pageRoutes.map(({ path, Page }) =>
            path === "/" ? (
              <Route key={path} index element={<Page />} />
            ) : (
              <Route key={path} path={path} element={<Page />} />
            ),
          )}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

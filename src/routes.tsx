import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { AppLayout } from "./layout/AppLayout.tsx";
import { NotFound } from "./layout/NotFound.tsx";

// Each page is its own chunk, loaded when first visited: the first load carries only the shell
// (SPEC.md §10 budget). Declarative routes, not a data router: it keeps ~15 kB gzip of router code
// out of the first load, and the pages read the chain through wagmi/TanStack Query, not loaders.

/** The pages of SPEC.md §9: path (relative to /) and module (default export = page component). */
export const pageRoutes: { path: string; Page: LazyExoticComponent<ComponentType> }[] = [
  { path: "/", Page: lazy(() => import("./pages/home/HomePage.tsx")) },
  { path: "/qc", Page: lazy(() => import("./pages/qc/QcPage.tsx")) },
  { path: "/node", Page: lazy(() => import("./pages/node/NodePage.tsx")) },
  { path: "/gds", Page: lazy(() => import("./pages/gds/GdsPage.tsx")) },
  { path: "/dashboard", Page: lazy(() => import("./pages/dashboard/DashboardPage.tsx")) },
  { path: "/jobs/:id", Page: lazy(() => import("./pages/job/JobPage.tsx")) },
  { path: "/admin", Page: lazy(() => import("./pages/admin/AdminPage.tsx")) },
];

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

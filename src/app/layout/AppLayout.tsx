import { Suspense } from "react";
import { Outlet, useLocation } from "react-router-dom";
import { Header } from "./Header.tsx";
import { PageErrorBoundary } from "./PageErrorBoundary.tsx";
import { WrongNetworkBanner } from "./WrongNetworkBanner.tsx";

export function AppLayout() {
  // A new page gets a fresh error boundary: one failed page does not stick to the next.
  const { pathname } = useLocation();
  return (
    <div className="min-h-screen">
      <Header />
      <WrongNetworkBanner />
      <main className="mx-auto max-w-7xl px-4 py-6">
        <PageErrorBoundary key={pathname}>
          <Suspense fallback={<p className="text-sm text-slate-500">Loading page…</p>}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}

// Placeholder: the pages issue replaces this module.
export default function DashboardPage() {
  return (
    <section>
      <h1 className="text-xl font-semibold">Dashboard</h1>
      <p className="text-sm text-slate-500">This page is coming soon.</p>
    </section>
  );
}

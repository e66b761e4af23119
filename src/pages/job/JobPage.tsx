// Placeholder: the pages issue replaces this module.
export default function JobPage() {
  return (
    <section>
      <h1 className="text-xl font-semibold">Job</h1>
      <p className="text-sm text-slate-500">This page is coming soon.</p>
    </section>
  );
}

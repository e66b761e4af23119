import { Link } from "react-router-dom";

export function NotFound() {
  return (
    <section className="space-y-2">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <Link className="text-teal-700 underline" to="/">
        Back to the start page
      </Link>
    </section>
  );
}

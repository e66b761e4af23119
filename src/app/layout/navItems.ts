/**
 * The header's links, in reading order: the pages of docs/rules.md §9 by role. A link with `onlyFor` is
 * shown only to accounts holding that AccessControl role (the arbiter's page, docs/rules.md §11.7).
 */
export const navItems: readonly { to: string; label: string; onlyFor?: "ARBITER_ROLE" }[] = [
  { to: "/", label: "Home" },
  { to: "/qc", label: "QC" },
  { to: "/node", label: "Node" },
  { to: "/gds", label: "GDS" },
  { to: "/dashboard", label: "Dashboard" },
  { to: "/arbiter", label: "Arbiter", onlyFor: "ARBITER_ROLE" },
  { to: "/admin", label: "Admin" },
];

/** The header's links, in reading order: the pages of docs/rules.md §9 by role. */
export const navItems = [
  { to: "/", label: "Home" },
  { to: "/qc", label: "QC" },
  { to: "/node", label: "Node" },
  { to: "/gds", label: "GDS" },
  { to: "/dashboard", label: "Dashboard" },
  { to: "/admin", label: "Admin" },
] as const;

import { Link } from "react-router-dom";
import { useAccount } from "wagmi";
import { useReadHasRole } from "../../hooks/useReadHasRole.ts";
import { useReadNode } from "../../hooks/useReadNode.ts";
import { roleName } from "../../../protocol/enums.ts";
import { accessRoles } from "../../../protocol/accessRoles.ts";

const roles = [
  {
    to: "/qc",
    title: "Query client (QC)",
    text: "Pay for the jobs the GDS ordered for you, follow their progress, cancel, get refunds, withdraw.",
  },
  {
    to: "/node",
    title: "Data owner or MPC node",
    text: "Register with a stake, keep heartbeating, report progress or your own failure, withdraw free stake.",
  },
  {
    to: "/gds",
    title: "Scheduler (GDS)",
    text: "Place orders, assign and replace MPCs, report failures detected from chain data.",
  },
  {
    to: "/dashboard",
    title: "Monitoring dashboard",
    text: "Every job and node with progress, stake and liveness, and a live event feed.",
  },
  { to: "/admin", title: "Admin", text: "Parameters, roles, pause, implementation and version." },
] as const;

/** Where to go, with a hint of what the connected account can do. */
export default function HomePage() {
  const { address } = useAccount();
  const node = useReadNode(address).data;
  const isGds = useReadHasRole(accessRoles[1].id, address).data;
  const isAdmin = useReadHasRole(accessRoles[0].id, address).data;
  const parts = [
    node && node.role !== 0 && `a registered ${roleName(node.role)}`,
    isGds && "the GDS",
    isAdmin && "an admin",
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">FedPay</h1>
        <p className="text-sm text-slate-600">
          Escrow, collateral and settlement for federated-learning jobs. Choose your role.
        </p>
        {address && (
          <p className="mt-1 text-sm" data-testid="home-account-roles">
            This account is{" "}
            {parts.length ? parts.join(", ") : "not a node, GDS or admin (a QC needs no registration)"}.
          </p>
        )}
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {roles.map((r) => (
          <li key={r.to}>
            <Link
              to={r.to}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-teal-500 focus-visible:ring-2 focus-visible:ring-teal-500 focus-visible:outline-none"
            >
              <h2 className="font-semibold text-teal-800">{r.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{r.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

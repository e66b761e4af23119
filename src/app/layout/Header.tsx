import { ConnectButton } from "@rainbow-me/rainbowkit";
import { NavLink } from "react-router-dom";
import { useAccount } from "wagmi";
import { useReadHasRole } from "../hooks/useReadHasRole.ts";
import { accessRoles } from "../../protocol/accessRoles.ts";
import { ActingAccount } from "./ActingAccount.tsx";
import { ContractAddress } from "./ContractAddress.tsx";
import { NetworkStatus } from "./NetworkStatus.tsx";
import { navItems } from "./navItems.ts";

const ARBITER_ROLE = accessRoles.find((r) => r.name === "ARBITER_ROLE")!.id;

export function Header() {
  const { address } = useAccount();
  const isArbiter = useReadHasRole(ARBITER_ROLE, address).data === true;
  const shown = navItems.filter((item) => !item.onlyFor || isArbiter);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <NavLink to="/" className="text-lg font-bold text-teal-700">
          FedPay
        </NavLink>
        <nav aria-label="Pages" className="flex flex-wrap gap-1">
          {shown.map(({ to, label }) => (
            <NavLink
              key={to}
              to={to}
              end={to === "/"}
              className={({ isActive }) =>
                `rounded px-1.5 py-1 text-sm sm:px-2 ${isActive ? "bg-teal-50 font-semibold text-teal-800" : "text-slate-600 hover:bg-slate-100"}`
              }
            >
              {label}
            </NavLink>
          ))}
        </nav>
        {/* On a phone this group takes its own lines: each item wraps rather than widen the page. */}
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600">
          <NetworkStatus />
          <ContractAddress />
          <ActingAccount />
          <ConnectButton showBalance={false} chainStatus="none" accountStatus="address" />
        </div>
      </div>
    </header>
  );
}

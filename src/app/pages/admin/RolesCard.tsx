import { useState } from "react";
import { useAccount, useReadContracts } from "wagmi";
import { AddressInput } from "../../components/AddressInput.tsx";
import { Section } from "../../components/Section.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { jobMarket } from "../../config/contracts.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { parseAddress } from "../../../protocol/address.ts";
import { accessRoles } from "../../../protocol/accessRoles.ts";

/** Who holds which role; the admin grants and revokes them. */
export function RolesCard() {
  const { address } = useAccount();
  const [who, setWho] = useState("");
  const [roleIndex, setRoleIndex] = useState("1");
  const parsed = parseAddress(who);
  const subject = parsed.ok ? parsed.value : address;
  const held = useReadContracts({
    contracts: accessRoles.map((r) => ({
      address: jobMarket.address,
      abi: jobMarket.abi,
      functionName: "hasRole" as const,
      args: subject ? ([r.id, subject] as const) : undefined,
    })),
    query: { enabled: Boolean(subject) },
  }).data;
  const role = accessRoles[Number(roleIndex)];
  const has = held?.[Number(roleIndex)]?.result;
  return (
    <Section title="Roles" testId="admin-roles">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-full max-w-md">
          <AddressInput label="Account (empty: you)" value={who} onChange={setWho} testId="role-account" />
        </div>
        <SelectField
          label="Role"
          value={roleIndex}
          onChange={setRoleIndex}
          options={accessRoles.map((r, i) => ({ value: String(i), label: r.name }))}
          testId="role-select"
        />
      </div>
      {/* Each role's name above what it allows, not beside it: on a phone the long names
          (DEFAULT_ADMIN_ROLE) ran into the descriptions, squeezed into a third of the width. */}
      <table className="mt-2 w-full max-w-2xl text-left text-sm">
        <thead>
          <tr className="text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">
              Role
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Held by {parsed.ok ? "the account" : "you"}
            </th>
          </tr>
        </thead>
        <tbody>
          {accessRoles.map((r, i) => (
            <tr key={r.name} className="border-t border-slate-100 align-top">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                <span className="block font-mono text-xs wrap-anywhere">{r.name}</span>
                <span className="block text-xs text-slate-600">{r.does}</span>
              </th>
              <td className="py-1.5 text-right whitespace-nowrap" data-testid={`role-held-${r.name}`}>
                {held?.[i]?.result === undefined ? "…" : held[i].result ? "held" : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3 flex flex-wrap gap-3">
        <TxButton
          label={`Grant ${role.name}`}
          call={parsed.ok && has === false ? marketCall("grantRole", [role.id, parsed.value]) : null}
          disabledReason={
            !parsed.ok ? "Enter the account's address." : has ? "It already holds this role." : null
          }
          testId="grant-role-button"
        />
        <TxButton
          label={`Revoke ${role.name}`}
          variant="danger"
          call={parsed.ok && has === true ? marketCall("revokeRole", [role.id, parsed.value]) : null}
          disabledReason={
            !parsed.ok ? "Enter the account's address." : has === false ? "It does not hold this role." : null
          }
          confirm={`Revoke ${role.name} from this account?`}
          testId="revoke-role-button"
        />
      </div>
    </Section>
  );
}

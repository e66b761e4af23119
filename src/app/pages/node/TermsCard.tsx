import { useState } from "react";
import { Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { describeTerms, parseTermsForm, termsToForm, type TermsForm } from "../../lib/nodeTerms.ts";
import type { NodeView } from "../../../protocol/views.ts";
import { TermsFields } from "./TermsFields.tsx";

/**
 * My standing terms as the contract holds them, and a form to change them (setNodeTerms). New terms bind
 * orders placed after they are mined; collateral already locked is never touched (docs/rules.md §11.9).
 */
export function TermsCard({ node }: { node: NodeView }) {
  const [editing, setEditing] = useState<TermsForm | null>(null);
  const asset = useAsset();
  const form = editing ?? termsToForm(node.terms, asset);
  const terms = parseTermsForm(form, asset);
  return (
    <Section title="My terms" testId="terms-card">
      <p className="mb-3 text-sm" data-testid="terms-current">
        {node.termsSet
          ? describeTerms(node.terms, asset)
          : "No terms set: any GDS may lock up to your whole free stake in one order. Set terms below."}
      </p>
      <TermsFields form={form} onChange={setEditing} testId="terms" />
      <div className="mt-3">
        <TxButton
          label="Save my terms"
          call={terms.ok ? marketCall("setNodeTerms", [terms.value]) : null}
          disabledReason={terms.ok ? null : terms.error}
          onConfirmed={() => setEditing(null)}
          testId="terms-button"
        />
      </div>
    </Section>
  );
}

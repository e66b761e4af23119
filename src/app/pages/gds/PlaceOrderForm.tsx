import { useMemo, useState } from "react";
import { zeroAddress } from "viem";
import { useAccount } from "wagmi";
import { AddressInput } from "../../components/AddressInput.tsx";
import { Field } from "../../components/Field.tsx";
import { PriceTable } from "../../components/PriceTable.tsx";
import { Section } from "../../components/Section.tsx";
import { TxButton, buttonClass } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { JobType, Role, jobTypeNames } from "../../../protocol/enums.ts";
import { newJobId, uuidOfJobId } from "../../../protocol/jobId.ts";
import { parseAmount } from "../../../protocol/units.ts";
import { refusals } from "../../lib/nodeTerms.ts";
import { checkOrder } from "../../lib/orderForm.ts";
import type { MarketParameters, NodeView } from "../../../protocol/views.ts";
import { NodePicker } from "./NodePicker.tsx";

interface Props {
  nodes: readonly NodeView[];
  params: MarketParameters;
  block: bigint | undefined;
}

/** Place an order: a browser-made UUID, DOs from the registry with their prices, and the live quote. */
export function PlaceOrderForm({ nodes, params, block }: Props) {
  const [id, setId] = useState(() => newJobId());
  const [jobType, setJobType] = useState<number>(JobType.Horizontal);
  const [qc, setQc] = useState("");
  const [prices, setPrices] = useState<Map<string, string>>(new Map());
  const [factor, setFactor] = useState("1");
  const [mpcCount, setMpcCount] = useState("2");
  const [totalEpochs, setTotalEpochs] = useState("3");
  const [mpcPrice, setMpcPrice] = useState("");
  const asset = useAsset();

  const dataOwners = useMemo(() => nodes.filter((n) => n.role === Role.DO), [nodes]);
  const { address: gds } = useAccount();
  const byAccount = useMemo(() => new Map(dataOwners.map((n) => [n.account.toLowerCase(), n])), [dataOwners]);
  const form = {
    id,
    jobType,
    qc,
    dos: [...prices].map(([account, price]) => ({ account, price })),
    factor,
    mpcCount,
    totalEpochs,
    mpcPrice,
  };
  const check = checkOrder(form, {
    maxDosPerJob: params.maxDosPerJob,
    maxMpcsPerJob: params.maxMpcsPerJob,
    gdsFeeBps: params.gdsFeeBps,
    offerOf: (a) => byAccount.get(a.toLowerCase()),
    gds,
    minStake: params.minStake,
    unit: asset,
  });
  const o = check.order;
  // Each DO's own checks (terms and stake) for this job, as far as the form says it yet: its fee once
  // its price parses, the collateral once every price does.
  const factorValue = /^\d+$/.test(factor) ? BigInt(factor) : 1n;
  const refusalOf = (node: NodeView) => {
    const typed = prices.get(node.account.toLowerCase());
    const parsed = typed === undefined ? undefined : parseAmount(typed, asset.decimals);
    const fee = parsed?.ok ? parsed.value * factorValue : undefined;
    const ask = {
      gds: gds ?? zeroAddress,
      fee: fee ?? node.terms.minFee,
      collateral: check.price?.collateral ?? 0n,
      minStake: params.minStake,
    };
    return refusals(node, ask, asset);
  };

  const toggle = (account: string) =>
    setPrices((old) => {
      const next = new Map(old);
      if (next.has(account)) next.delete(account);
      else next.set(account, "");
      return next;
    });
  const setPrice = (account: string, price: string) => setPrices((old) => new Map(old).set(account, price));
  const reset = () => {
    setId(newJobId());
    setPrices(new Map());
  };

  return (
    <Section title="Place an order" testId="place-order">
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        {/* min-w-0: the node table scrolls in its box instead of widening the form past a phone's screen. */}
        <div className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <p className="text-sm">
              Job id{" "}
              <span className="font-mono text-xs" data-testid="order-id">
                {uuidOfJobId(id)}
              </span>
            </p>
            <button
              type="button"
              className={buttonClass("secondary", true)}
              onClick={() => setId(newJobId())}
            >
              New id
            </button>
          </div>
          <fieldset className="flex gap-4 text-sm">
            <legend className="mb-1 text-xs font-medium text-slate-700">Job type</legend>
            {jobTypeNames.map((name, value) => (
              <label key={name} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="jobType"
                  checked={jobType === value}
                  onChange={() => setJobType(value)}
                  data-testid={`order-type-${value}`}
                />
                {name}
              </label>
            ))}
          </fieldset>
          <AddressInput label="QC address" value={qc} onChange={setQc} testId="order-qc" />
          <NodePicker
            caption="Data owners"
            nodes={dataOwners}
            selected={new Set(prices.keys())}
            onToggle={toggle}
            block={block}
            timeoutBlocks={params.timeoutBlocks}
            required={check.price?.collateral}
            refusalOf={refusalOf}
            testId="order-dos"
            extra={(node) => (
              <Field
                label={`Price for ${node.account.slice(0, 8)}`}
                value={prices.get(node.account.toLowerCase()) ?? ""}
                onChange={(v) => setPrice(node.account.toLowerCase(), v)}
                inputMode="decimal"
                placeholder="0.0"
                data-testid={`order-price-${node.account.toLowerCase()}`}
              />
            )}
          />
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Field
              label="Complexity factor"
              value={factor}
              onChange={setFactor}
              inputMode="numeric"
              data-testid="order-factor"
            />
            <Field
              label={`MPCs (1–${params.maxMpcsPerJob})`}
              value={mpcCount}
              onChange={setMpcCount}
              inputMode="numeric"
              data-testid="order-mpc-count"
            />
            <Field
              label="Epochs"
              value={totalEpochs}
              onChange={setTotalEpochs}
              inputMode="numeric"
              data-testid="order-epochs"
            />
            <Field
              label="Planned MPC price"
              value={mpcPrice}
              onChange={setMpcPrice}
              inputMode="decimal"
              placeholder="0.0"
              hint="Sets the quote"
              data-testid="order-mpc-price"
            />
          </div>
        </div>
        <div className="flex flex-col gap-3">
          <h3 className="text-sm font-medium">Quote</h3>
          {check.price ? (
            <PriceTable price={check.price} mpcCount={Number(mpcCount)} testId="order-quote" />
          ) : (
            <p className="text-sm text-slate-500">Pick DOs and fill in the prices to see the quote.</p>
          )}
          <TxButton
            label="Place order"
            call={
              o
                ? marketCall("placeOrder", [
                    o.id,
                    o.jobType,
                    o.qc,
                    o.dos,
                    o.doPrices,
                    o.factor,
                    o.mpcCount,
                    o.totalEpochs,
                    o.quote,
                  ])
                : null
            }
            disabledReason={check.error}
            onConfirmed={reset}
            testId="place-order-button"
          />
        </div>
      </div>
    </Section>
  );
}

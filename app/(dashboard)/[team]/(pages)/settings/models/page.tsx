import type { Metadata } from "next";
import Link from "next/link";
import { InlineAction } from "@/components/settings/inline-action";
import { PriceForm } from "@/components/settings/price-form";
import { Alert } from "@/components/ui/alert";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { canManagePrices } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { deletePriceAction } from "@/lib/pricing/actions";
import { listPrices, listRepricing, listUnpricedModels } from "@/lib/pricing/data";
import { formatPerMTok } from "@/lib/pricing/money";
import { countOf } from "@/components/ui/format";

export const metadata: Metadata = { title: "Models and prices" };

export default async function ModelsPage({ params, searchParams }: { params: Promise<{ team: string }>; searchParams: Promise<{ model?: string }> }) {
  const { team: slug } = await params;
  const { model } = await searchParams;
  const { team, role } = await requireTeam(slug);
  const [prices, unpriced, repricing] = await Promise.all([listPrices(team.id), listUnpricedModels(team.id), listRepricing(team.id)]);
  const manage = canManagePrices(role);
  return (
    <>
      {repricing.length > 0 && (
        <Alert tone="info">
          <AutoRefresh />
          <p className="font-medium" role="status">Re-pricing stored calls</p>
          <ul className="mt-1 list-disc pl-5">
            {repricing.map((r) => (
              <li key={`${r.model}-${r.from.toISOString()}`}>
                <span className="font-mono">{r.model}</span> from {r.from.toISOString().slice(0, 10)}: {Math.round(r.progress * 100)}% ({countOf(r.repriced, "call")} updated so far).
              </li>
            ))}
          </ul>
          <p className="mt-1">Spend on the dashboards moves to the new price as this runs; ingest carries on meanwhile.</p>
        </Alert>
      )}
      {unpriced.length > 0 && (
        <Alert tone="info">
          <p className="font-medium">Unpriced models</p>
          <ul className="mt-1 list-disc pl-5">
            {unpriced.map((u) => (
              <li key={u.model}>
                <span className="font-mono">{u.model}</span>: {countOf(u.calls, "call")} without a price.{" "}
                {manage && <Link className="underline" href={`?model=${encodeURIComponent(u.model)}#add-price`}>Add its price</Link>}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Card title="Add or change a price" description="Calls are priced at the price in effect at their timestamp. Saving re-prices the model's stored calls from that date, in the background.">
        <div id="add-price">
          {manage ? <PriceForm slug={slug} model={model} today={new Date().toISOString().slice(0, 10)} /> : <p className="text-sm text-gray-600">Only owners and admins can edit prices.</p>}
        </div>
      </Card>
      <Table caption="Price catalog" head={["Model", "Effective from", "Input / 1M", "Output / 1M", "Cached input / 1M", ""]}>
        {prices.map((p) => (
          <tr key={p.id}>
            <Td className="font-mono text-xs">{p.model}</Td>
            <Td>{p.effectiveFrom.toISOString().slice(0, 10)}</Td>
            <Td>{formatPerMTok(p.inputMicros)}</Td>
            <Td>{formatPerMTok(p.outputMicros)}</Td>
            <Td>{formatPerMTok(p.cachedInputMicros)}</Td>
            <Td>
              {manage && (
                <InlineAction action={deletePriceAction.bind(null, slug)} fields={{ priceId: p.id }} label="Delete" pendingLabel="Deleting…"
                  confirm={`Delete the ${p.model} price from ${p.effectiveFrom.toISOString().slice(0, 10)}? Its calls are re-priced in the background.`} />
              )}
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}

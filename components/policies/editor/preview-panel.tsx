"use client";
// The live what-if of the draft over the last 7 days, refreshed shortly after each valid edit.
import { useEffect, useState, useTransition } from "react";
import { formatPercent, usdColumn } from "@/components/ui/format";
import { previewPolicyAction } from "@/lib/policies/actions";
import type { SimulationResult } from "@/lib/simulate/format";
import type { Draft } from "./types";


export function PreviewPanel({ slug, policy, valid }: { slug: string; policy: Draft; valid: boolean }) {
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const key = JSON.stringify(policy);
  // The three amounts at one precision, the one the largest needs ($24.65 → $25.44, savings −$0.79), so they line up.
  const largest = result ? Math.max(Math.abs(result.baseline.costUsd), Math.abs(result.projected.costUsd), Math.abs(result.savingsUsd)) : 0;
  const money = (usd: number) => usdColumn([largest * 1e9])(usd * 1e9);
  useEffect(() => {
    if (!valid) return;
    const timer = setTimeout(() => start(async () => {
      const state = await previewPolicyAction(slug, JSON.parse(key));
      if (state.ok && state.data) { setResult(state.data); setError(null); } else setError(state.error ?? "The preview failed.");
    }), 500);
    return () => clearTimeout(timer);
  }, [key, valid, slug]);
  return (
    <section aria-label="Preview" aria-busy={pending} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold">Preview: last 7 days</h2>
      <p className="text-xs text-gray-500" role="status">{!valid ? "Fix the problems to see the preview." : pending ? "Updating…" : result ? "Up to date." : "Waiting…"}</p>
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
      {result && result.byTaskType.length === 0 && (
        <p className="mt-3 text-sm text-gray-600">No calls in the last 7 days to try the draft on. Once your SDK logs calls, this shows what the draft would have cost and how often it would have succeeded.</p>
      )}
      {result && result.byTaskType.length > 0 && (
        <div className={pending ? "opacity-60" : ""}>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm" data-testid="preview-totals">
            <dt className="text-gray-600">Cost</dt><dd className="tabular-nums">{money(result.baseline.costUsd)} → <span data-testid="preview-cost">{money(result.projected.costUsd)}</span></dd>
            <dt className="text-gray-600">Success</dt><dd className="tabular-nums">{formatPercent(result.baseline.successRate)} → {formatPercent(result.projected.successRate)}</dd>
            <dt className="text-gray-600">Savings</dt><dd className="tabular-nums">{money(result.savingsUsd)}</dd>
          </dl>
          <table className="mt-3 w-full text-xs">
            <caption className="sr-only">Preview by task type</caption>
            <thead><tr className="text-left text-gray-600"><th className="py-1">Task type</th><th>Mix</th><th>Success</th></tr></thead>
            <tbody>
              {result.byTaskType.map((r) => (
                <tr key={r.taskType} className="border-t border-gray-100 align-top">
                  <td className="py-1 font-medium">{r.taskType}{r.warnings.length > 0 && <span title={r.warnings.map((w) => w.message).join(" ")} className="ml-1 text-amber-700">⚠</span>}</td>
                  <td>{Object.entries(r.modelMix).map(([m, s]) => <div key={m}>{m} {formatPercent(s ?? 0, 0)}</div>)}</td>
                  <td className="tabular-nums">{formatPercent(r.projected.successRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

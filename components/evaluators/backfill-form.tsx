"use client";
// Runs an evaluator over the stored calls of a window of days, saying first how many calls that is (and,
// for an LLM judge, what it would cost). Counted from here rather than with the page, so the page's
// refreshes while a run is in progress do not count again.
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { formatRate } from "@/components/evaluators/describe";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { formatCount, formatDollars } from "@/components/ui/format";
import { previewBackfillAction, startBackfillAction } from "@/lib/evaluators/actions";
import type { ActionState } from "@/lib/http/action";
import type { BackfillPreview } from "@/lib/evaluators/page-data";

const LABELS: Record<string, string> = { from: "From", to: "To" };

type Props = { slug: string; evaluatorId: string; dates: { from: string; to: string }; sampleRate: number; zone: string };

function Preview({ preview, sampleRate, zone }: { preview: ActionState<BackfillPreview> | null; sampleRate: number; zone: string }) {
  if (!preview) return <>Counting the calls…</>;
  if (!preview.ok) {
    const named = Object.entries(preview.fieldErrors ?? {}).map(([k, v]) => `${LABELS[k] ?? k}: ${v}`).join("; ");
    return <span className="text-red-700">{named || preview.error}</span>;
  }
  const { calls, judge } = preview.data!;
  return (
    <>
      Goes through <strong>{formatCount(calls)}</strong> {calls === 1 ? "call" : "calls"}: those in scope with captured output, whole days in {zone}.
      {sampleRate < 1 && calls > 0 && <> At a sampling rate of {formatRate(sampleRate)}, {judge ? formatCount(judge.calls) : `about ${formatCount(Math.round(calls * sampleRate))}`} get a verdict.</>}
      {judge && (
        <span className="mt-1 block">
          Judge cost: {judge.estimatedCostUsd === null ? "unknown" : `about ${formatDollars(judge.estimatedCostUsd)}`}
          {judge.daysAtCap !== null && judge.daysAtCap > 1 && <>, about {judge.daysAtCap} days at the daily cap</>}. <span className="text-gray-500">{judge.basis}.</span>
        </span>
      )}
    </>
  );
}

export function BackfillForm({ slug, evaluatorId, dates, sampleRate, zone }: Props) {
  const [state, start, pending] = useActionState(startBackfillAction.bind(null, slug, evaluatorId), {} as ActionState<string>);
  const [span, setSpan] = useState(dates);
  const [preview, setPreview] = useState<ActionState<BackfillPreview> | null>(null);
  const asked = useRef(0);

  // Answers can arrive out of order: only the latest is shown.
  useEffect(() => {
    const n = ++asked.current;
    setPreview(null);
    void previewBackfillAction(slug, evaluatorId, span.from, span.to).then((r) => { if (n === asked.current) setPreview(r); });
  }, [slug, evaluatorId, span.from, span.to]);

  const errors = state.fieldErrors ?? {};
  return (
    <form
      aria-label="Run over past calls"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        const form = new FormData(ev.currentTarget);
        startTransition(() => start(form));
      }}
      className="space-y-3"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:max-w-xl">
        <Field label="From" name="from" type="date" required value={span.from} onChange={(e) => setSpan({ ...span, from: e.target.value })} error={errors.from} />
        <Field label="To (included)" name="to" type="date" required value={span.to} onChange={(e) => setSpan({ ...span, to: e.target.value })} error={errors.to} />
      </div>
      <p className="text-sm text-gray-700" role="status" aria-live="polite">
        <Preview preview={preview} sampleRate={sampleRate} zone={zone} />
      </p>
      {state.ok && <Alert tone="success">Started. Progress is shown below.</Alert>}
      {state.error && !errors.from && !errors.to && <Alert>{state.error}</Alert>}
      <button type="submit" disabled={pending || (preview?.ok === true && preview.data!.calls === 0)} aria-busy={pending} className={buttonClass()}>
        {pending ? "Starting…" : "Run over past calls"}
      </button>
    </form>
  );
}

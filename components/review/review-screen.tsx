"use client";
// The review screen, made for speed: the held calls in a list, the selected one's input and output
// (JSON pretty-printed, tool calls shown), and keys for everything: 1 pass, 2 fail, s skip, j/k next and
// previous, r to write a reason (Escape leaves the box). Verdicts go to the server one at a time.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { reviewCallAction } from "@/lib/review/actions";

export type ReviewItemView = {
  callId: string; why: string; taskType: string; model: string; shadow: boolean;
  input: string; output: string; toolCalls: { name: string; arguments: string }[];
};

type Verdict = "pass" | "fail" | "skip";

export function ReviewScreen({ slug, items }: { slug: string; items: ReviewItemView[] }) {
  const router = useRouter();
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<Record<string, Verdict>>({});
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [, start] = useTransition();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const item = items[index];
  const left = items.filter((i) => !done[i.callId]).length;

  // Keys act on the screen as last painted: the handler reads it from here, not from its own render, which
  // a keydown can outrun. `saving` is the call whose verdict is on its way, until that verdict is painted,
  // so a key pressed meanwhile neither repeats it nor is lost to a screen still waiting for the server.
  const latest = useRef({ item, done, index, left, reason });
  const saving = useRef<string | null>(null);
  useLayoutEffect(() => {
    latest.current = { item, done, index, left, reason };
    if (saving.current && done[saving.current]) saving.current = null;
  });

  const decide = useCallback((verdict: Verdict) => {
    const { item, done, index, left, reason } = latest.current;
    if (!item || done[item.callId] || saving.current) return;
    saving.current = item.callId;
    start(async () => {
      const result = await reviewCallAction(slug, { callId: item.callId, verdict, reason: reason || undefined }).catch(() => ({ ok: false as const, error: undefined }));
      if (!result.ok) {
        saving.current = null;
        return setError(result.error ?? "The verdict was not saved.");
      }
      setError(null);
      setReason("");
      setDone((d) => ({ ...d, [item.callId]: verdict }));
      const next = items.findIndex((i, n) => n > index && !done[i.callId]);
      if (next >= 0) setIndex(next);
      else if (left <= 1) router.refresh(); // the last held item: ask for the next ones
    });
  }, [slug, items, router]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (typing) {
        if (e.key === "Escape") (e.target as HTMLElement).blur();
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const actions: Record<string, () => void> = {
        "1": () => decide("pass"), "2": () => decide("fail"), s: () => decide("skip"),
        j: () => setIndex((i) => Math.min(items.length - 1, i + 1)), k: () => setIndex((i) => Math.max(0, i - 1)),
        r: () => reasonRef.current?.focus(),
      };
      const act = actions[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, items.length]);

  if (!item) return null;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-4">
      <ol aria-label="Calls to review" className="max-h-40 space-y-1 overflow-y-auto text-sm lg:col-span-1 lg:max-h-none">
        {items.map((i, n) => (
          <li key={i.callId}>
            <button type="button" onClick={() => setIndex(n)} aria-current={n === index ? "true" : undefined}
              className={`w-full truncate rounded px-2 py-1 text-left ${n === index ? "bg-blue-50 text-blue-900" : "hover:bg-gray-100"}`}>
              {done[i.callId] ? `${done[i.callId] === "pass" ? "✓" : done[i.callId] === "fail" ? "✗" : "–"} ` : ""}{i.taskType} · {i.model}{i.shadow ? " (shadow)" : ""}
            </button>
          </li>
        ))}
      </ol>
      <section aria-label="Call under review" className="space-y-3 lg:col-span-3">
        <p className="text-sm text-gray-700">
          <strong>{item.taskType}</strong> on {item.model}{item.shadow ? " (shadow)" : ""} · {item.why === "evaluator_failed" ? "an evaluator failed it" : "daily sample"} ·{" "}
          {index + 1} of {items.length}, {left} left · <span className="text-gray-500">1 pass · 2 fail · s skip · j/k next/previous · r reason</span>
        </p>
        {done[item.callId] && <Alert tone="success">Reviewed: {done[item.callId]}.</Alert>}
        {error && <Alert>{error}</Alert>}
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          <div>
            <h3 className="text-xs text-gray-600">Input</h3>
            <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-gray-50 p-3 text-xs">{item.input}</pre>
          </div>
          <div>
            <h3 className="text-xs text-gray-600">Output</h3>
            <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-gray-50 p-3 text-xs">{item.output}</pre>
            {item.toolCalls.length > 0 && (
              <ul aria-label="Tool calls" className="mt-2 space-y-1 text-xs">
                {item.toolCalls.map((t, n) => <li key={n} className="rounded bg-amber-50 p-2"><strong>{t.name}</strong> <code className="break-all">{t.arguments}</code></li>)}
              </ul>
            )}
          </div>
        </div>
        <label className="block text-xs text-gray-600">
          Reason (optional)
          <textarea ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={1000}
            className="mt-0.5 block w-full rounded-md border border-gray-300 p-2 text-sm" />
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="button" disabled={Boolean(done[item.callId])} onClick={() => decide("pass")} className="rounded-md bg-green-700 px-3 py-2 text-sm font-medium text-white disabled:opacity-50">Pass (1)</button>
          <button type="button" disabled={Boolean(done[item.callId])} onClick={() => decide("fail")} className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white disabled:opacity-50">Fail (2)</button>
          <button type="button" disabled={Boolean(done[item.callId])} onClick={() => decide("skip")} className="rounded-md border border-gray-300 px-3 py-2 text-sm disabled:opacity-50">Skip (s)</button>
        </div>
      </section>
    </div>
  );
}

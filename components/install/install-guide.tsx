"use client";
import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { createKeyAction } from "@/lib/api-keys/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDateTime } from "@/components/ui/format";
import type { LatestCallSummary } from "@/lib/ingest/loaders";

type Latest = LatestCallSummary | null;

function snippet(origin: string, key: string) {
  return `import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";

const sy = new Switchyard({ apiKey: "${key}", baseUrl: "${origin}" });
const openai = sy.wrap(new OpenAI());

const res = await openai.chat.completions.create(
  { model: "auto", messages: [{ role: "user", content: "Is this a refund request?" }] },
  { switchyard: { taskType: "classify" } },
);
await sy.flush();`;
}

/** Install command, a snippet with a fresh ingest key, and a live wait for the first event. */
export function InstallGuide({ slug, origin, canCreateKey, initial, zone }: { slug: string; origin: string; canCreateKey: boolean; initial: Latest; zone: string }) {
  const [state, action] = useActionState(createKeyAction.bind(null, slug), {});
  const key = state.ok && state.data ? state.data.secret : "<your ingest key>";
  const [latest, setLatest] = useState<Latest>(initial);
  const [baseline] = useState(initial?.id ?? null);
  const arrived = latest && latest.id !== baseline ? latest : null;

  useEffect(() => {
    if (arrived) return;
    const timer = setInterval(async () => {
      const res = await fetch(`/${slug}/install/latest`, { cache: "no-store" }).catch(() => null);
      if (res?.ok) setLatest((await res.json()).call);
    }, 2000);
    return () => clearInterval(timer);
  }, [slug, arrived]);

  const install = `npm install ${origin}/sdk/switchyard-sdk.tgz openai`;
  const code = snippet(origin, key);
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h2 className="text-base font-semibold">1. Install</h2>
        <div className="flex flex-wrap items-center gap-2">
          <pre className="min-w-0 flex-1 overflow-x-auto rounded-md bg-gray-900 p-3 text-xs text-gray-100"><code>{install}</code></pre>
          <CopyButton value={install} />
        </div>
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">2. Wrap your OpenAI client</h2>
        {canCreateKey ? (
          !state.ok && (
            <form action={action} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="name" value="SDK (install page)" />
              <input type="hidden" name="scope" value="ingest" />
              <SubmitButton variant="secondary" pendingLabel="Creating key…">Create an ingest key for this snippet</SubmitButton>
              <span className="text-sm text-gray-600">The key is shown once; it goes straight into the snippet.</span>
            </form>
          )
        ) : (
          <p className="text-sm text-gray-600">Ask an owner or admin for an ingest key, or see Settings → API keys.</p>
        )}
        {state.error && <Alert>{state.error}</Alert>}
        <pre className="overflow-x-auto rounded-md bg-gray-900 p-4 text-xs leading-relaxed text-gray-100" data-testid="install-snippet"><code>{code}</code></pre>
        <CopyButton value={code} label="Copy snippet" />
      </section>
      <section className="space-y-2" aria-live="polite">
        <h2 className="text-base font-semibold">3. Run it</h2>
        {arrived ? (
          <Alert tone="success">
            First event received: <strong>{arrived.taskType}</strong> on <span className="font-mono">{arrived.model}</span>, {arrived.tokens} tokens,{" "}
            {arrived.latencyMs} ms, {arrived.cost}. <Link href={`/${slug}/calls`} className="underline">See your calls</Link>
          </Alert>
        ) : (
          <p className="flex items-center gap-2 text-sm text-gray-600">
            <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-blue-600" aria-hidden />
            {initial ? `Waiting for the next event (the latest so far: ${initial.taskType} on ${initial.model}, ${formatDateTime(new Date(initial.at), zone)})…` : "Waiting for your first event…"}
          </p>
        )}
      </section>
    </div>
  );
}

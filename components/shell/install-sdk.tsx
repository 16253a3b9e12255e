import Link from "next/link";
import { headers } from "next/headers";

/** The empty state of every page that needs traffic: what to install and where to get a key. */
export async function InstallSdk({ slug, what }: { slug: string; what: string }) {
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000"}`;
  const snippet = `npm install ${origin}/sdk/switchyard-sdk.tgz openai

import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";

const sy = new Switchyard({ apiKey: process.env.SWITCHYARD_API_KEY, baseUrl: "${origin}" });
const openai = sy.wrap(new OpenAI());

await openai.chat.completions.create(
  { model: "auto", messages },
  { switchyard: { taskType: "classify" } },
);`;
  return (
    <section className="rounded-lg border border-dashed border-gray-300 bg-white p-6">
      <h2 className="text-base font-semibold">No calls logged yet</h2>
      <p className="mt-1 max-w-2xl text-sm text-gray-600">
        {what} appear here once your app sends calls through the Switchyard SDK.{" "}
        <Link href={`/${slug}/install`} className="text-blue-700 underline">Install the SDK</Link> with a fresh ingest key, or
        wrap your OpenAI client yourself:
      </p>
      <h3 className="mt-4 text-sm font-medium">Install the SDK</h3>
      <pre className="mt-2 overflow-x-auto rounded-md bg-gray-900 p-4 text-xs leading-relaxed text-gray-100">
        <code>{snippet}</code>
      </pre>
    </section>
  );
}

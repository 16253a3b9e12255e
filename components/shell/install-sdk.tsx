import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

/** The empty state of every page that needs traffic: it sends people to the Install page. */
export function InstallSdk({ slug, what }: { slug: string; what: string }) {
  return (
    <section className="rounded-lg border border-dashed border-gray-300 bg-white p-6">
      <h2 className="text-base font-semibold">No calls logged yet</h2>
      <p className="mt-1 max-w-2xl text-sm text-gray-600">
        {what} appear here once your app sends calls through the Switchyard SDK: wrap your OpenAI client, and every call is
        logged in the background and model “auto” is routed by your policy.
      </p>
      <Link href={`/${slug}/install`} className={`${buttonClass()} mt-4`}>Install the SDK</Link>
    </section>
  );
}

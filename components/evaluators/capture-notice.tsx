// Evaluators judge captured output: say when the team keeps none, and where to turn it on.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";

export function CaptureNotice({ slug, enabled }: { slug: string; enabled: boolean }) {
  if (enabled) return null;
  return (
    <Alert tone="info">
      <strong>Content capture is off for this team</strong>, so new calls keep no output and evaluators have nothing to judge. An owner or
      admin can turn it on in <Link href={`/${slug}/settings`} className="underline">Settings → General</Link>; it applies to calls logged from then on.
    </Alert>
  );
}

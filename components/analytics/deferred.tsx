// Sections of a page that read more than the rest (a series, raw calls for a breakdown): rendered in their
// own Suspense boundary, so the page's figures arrive first and these follow with a visible placeholder.
import { Suspense } from "react";
import { Card } from "@/components/ui/card";

export function Deferred({ title, children }: { title: string; children: React.ReactNode }) {
  const placeholder = (
    <Card title={title}>
      <p role="status" className="h-24 animate-pulse rounded bg-gray-50 p-3 text-sm text-gray-500">Loading {title.toLowerCase()}…</p>
    </Card>
  );
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}

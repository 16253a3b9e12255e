const styles = { success: "bg-green-50 text-green-800", failure: "bg-red-50 text-red-800", none: "bg-gray-100 text-gray-600", error: "bg-red-50 text-red-800", ok: "bg-gray-100 text-gray-700" };

/** Outcome (1 success, 0 failure, null unlabeled) or status as a small label that does not rely on colour alone. */
export function Badge({ kind, children }: { kind: keyof typeof styles; children: React.ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${styles[kind]}`}>{children}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: number | null }) {
  if (outcome === null) return <Badge kind="none">unlabeled</Badge>;
  return outcome === 1 ? <Badge kind="success">success</Badge> : <Badge kind="failure">failure</Badge>;
}

export function StatusBadge({ status, errorType }: { status: number; errorType: string | null }) {
  return status === 1 ? <Badge kind="error">{errorType ?? "error"}</Badge> : errorType ? <Badge kind="error">{errorType}</Badge> : <Badge kind="ok">ok</Badge>;
}

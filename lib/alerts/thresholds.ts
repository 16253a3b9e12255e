// The alert form's one threshold input per kind (the form and its parser share it; no server imports).
import type { AlertKind } from "@/lib/alerts/schema";

/** The threshold field a kind's single input fills, and how the input converts. */
export const THRESHOLD_INPUT: Record<AlertKind, { field: string; label: string; toValue: (n: number) => number } | null> = {
  success_rate: { field: "min", label: "Success below (%)", toValue: (n) => n / 100 },
  error_rate: { field: "max", label: "Errors above (%)", toValue: (n) => n / 100 },
  latency_p95: { field: "maxMs", label: "p95 above (ms)", toValue: (n) => n },
  spend_daily: { field: "maxUsd", label: "Spend today above ($)", toValue: (n) => n },
  spend_month: { field: "maxUsd", label: "Month's projected spend above ($)", toValue: (n) => n },
  silence: null,
  unpriced: null,
};


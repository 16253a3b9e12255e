// The cascade break-even: the cheap model's success rate above which "cheap model first, escalate on a
// detected failure" costs less per successful task than sending every task to the mid-tier model. Pure.
//
// Per task, with cheap cost c, mid cost m, mid success q, share d of cheap failures detected (and
// escalated), review cost R per failure nobody catches:
//   cascade: cost c + (1 − p)·d·m + R·(1 − p)·(1 − d·q),  success p + (1 − p)·d·q
//   direct:  cost m + R·(1 − q),                          success q
// Cost per success of the cascade falls as p rises; it equals the direct one at
//   p* = (c + d·m + R·(1 − d·q) − K·d·q) / (d·m + R·(1 − d·q) + K·(1 − d·q)),  K = (m + R·(1 − q)) / q.
// With R = 0 this is p* = q·c / m: the detection rate drops out.
import type { FrontierPoint } from "@/lib/simulate/frontier";

export type CascadeInput = { cheapCostUsd: number; midCostUsd: number; midSuccess: number; detected: number; reviewCostUsd: number };

/** p* in [0, 1], 0 when the cascade always wins, null when it never does (or the inputs cannot say). */
export function breakEven({ cheapCostUsd: c, midCostUsd: m, midSuccess: q, detected: d, reviewCostUsd: r }: CascadeInput): number | null {
  if (!(q > 0) || !(m > 0) || c < 0) return null;
  const k = (m + r * (1 - q)) / q;
  const g0 = c + d * m + r * (1 - d * q) - k * d * q;
  const slope = d * m + r * (1 - d * q) + k * (1 - d * q);
  if (!(slope > 0)) return null;
  const p = g0 / slope;
  return p > 1 ? null : Math.max(0, p);
}

export type CascadeAdvice = { cheap: string; mid: string; breakEven: number | null; observed: number | null };

/**
 * For a task type: the cheapest and the dearest well-labeled model (at least `minSamples` labels), the
 * cheap one's break-even against the dearer one, and the cheap one's observed success.
 */
export function cascadeAdvice(points: FrontierPoint[], detectedOf: (model: string) => number, reviewCostUsd: number, minSamples: number): CascadeAdvice | null {
  const known = points.filter((p) => p.labeled >= minSamples && p.successRate !== null);
  if (known.length < 2) return null;
  const cheap = known.reduce((a, b) => (b.costPerTaskUsd < a.costPerTaskUsd ? b : a));
  const mid = known.reduce((a, b) => (b.costPerTaskUsd > a.costPerTaskUsd ? b : a));
  if (cheap.model === mid.model) return null;
  const p = breakEven({ cheapCostUsd: cheap.costPerTaskUsd, midCostUsd: mid.costPerTaskUsd, midSuccess: mid.successRate!, detected: detectedOf(cheap.model), reviewCostUsd });
  return { cheap: cheap.model, mid: mid.model, breakEven: p, observed: cheap.successRate };
}

// Judge vs human: how often an evaluator's verdict matches a reviewer's on the same calls, and Cohen's
// kappa, the agreement beyond what two raters with those pass rates would reach by chance. Pure.

export type Agreement = { n: number; agreement: number | null; kappa: number | null };

/** Pairs of (human, evaluator) verdicts, 1 pass 0 fail. Kappa is null when chance agreement is total (both always say the same one thing). */
export function agreementOf(pairs: [number, number][]): Agreement {
  const n = pairs.length;
  if (n === 0) return { n, agreement: null, kappa: null };
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const humanPass = pairs.filter(([a]) => a === 1).length / n;
  const judgePass = pairs.filter(([, b]) => b === 1).length / n;
  const chance = humanPass * judgePass + (1 - humanPass) * (1 - judgePass);
  return { n, agreement: observed, kappa: chance >= 1 ? null : (observed - chance) / (1 - chance) };
}

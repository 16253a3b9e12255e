// An amount that may leave calls out: with no price at all it reads "unpriced" (never $0.00); a sum that
// leaves some unpriced calls out is starred, and its title says how many.
export function Money({ text, unpriced = 0 }: { text: string | null; unpriced?: number }) {
  if (text === null) return <>{unpriced > 0 ? "unpriced" : "—"}</>;
  if (unpriced === 0) return <>{text}</>;
  return <span title={`Leaves out ${unpriced} unpriced ${unpriced === 1 ? "call" : "calls"}: add the model's price in Settings → Models`}>{text}*</span>;
}

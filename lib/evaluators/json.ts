// JSON helpers for evaluators: parsing that reports why instead of throwing, and structural equality
// that says where two values first differ (a reason a person can act on).

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

type Difference = { at: string; actual: unknown; expected: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const pointer = (at: string, key: string | number) => `${at}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;

/**
 * Where `actual` first differs from `expected` (key order ignored, array order kept), or null when equal.
 * Recursion only descends where both sides are containers, so it is as deep as `expected` at most.
 */
export function firstDifference(actual: unknown, expected: unknown, at = ""): Difference | null {
  if (actual === expected) return null;
  const here = { at: at || "/", actual, expected };
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
      const d = firstDifference(actual[i], expected[i], pointer(at, i));
      if (d) return d;
    }
    return actual.length === expected.length ? null : here;
  }
  if (isObject(actual) && isObject(expected)) {
    for (const key of Object.keys(expected)) {
      const d = Object.hasOwn(actual, key) ? firstDifference(actual[key], expected[key], pointer(at, key)) : { at: pointer(at, key), actual: undefined, expected: expected[key] };
      if (d) return d;
    }
    const extra = Object.keys(actual).find((key) => !Object.hasOwn(expected, key));
    return extra === undefined ? null : { at: pointer(at, extra), actual: actual[extra], expected: undefined };
  }
  return here;
}

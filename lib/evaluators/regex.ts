// Regex evaluators run on re2js (RE2's automaton): matching time grows linearly with the text, so no pattern
// a team writes (`(a+)+$` and the like) can stall the job worker on a long answer, as a backtracking RegExp
// would. The price is RE2's syntax: no backreferences or lookaround, refused when the evaluator is saved.
import { RE2JS } from "re2js";

export type Match = { index: number; text: string };
export type Regex = { find(text: string): Match | null };

/** Flags as in JavaScript: i, m and s change matching; y anchors at the start; g and u change nothing for one test. */
export function compileRegex(pattern: string, flags = ""): { ok: true; value: Regex } | { ok: false; error: string } {
  const bits = (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes("m") ? RE2JS.MULTILINE : 0) | (flags.includes("s") ? RE2JS.DOTALL : 0);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, bits);
  } catch (err) {
    const message = (err as Error).message.replace(/^error parsing regexp: /, "");
    return { ok: false, error: `${message} (the RE2 syntax: no backreferences or lookaround, so matching stays linear in the text)` };
  }
  const sticky = flags.includes("y");
  return {
    ok: true,
    value: {
      find(text) {
        const m = compiled.matcher(text);
        const found = sticky ? m.lookingAt() : m.find();
        return found ? { index: m.start(), text: m.group() ?? "" } : null;
      },
    },
  };
}

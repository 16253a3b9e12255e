import { describe, expect, it } from "vitest";
import { check } from "@/lib/evaluators/kinds";

const call = (output: string | null, metadata: Record<string, string> | null = null) => ({ input: "Where is my order #4471?", output, metadata });
const chat = (content: string) => JSON.stringify({ role: "assistant", content, refusal: null });

describe("regex", () => {
  const orderId = { pattern: "order #\\d{4}", flags: "i", mustMatch: true };

  it("passes when the answer matches, with the flags applied", () => {
    expect(check("regex", orderId, call("Your ORDER #4471 ships tomorrow."))).toEqual({ verdict: "pass", reason: "matches /order #\\d{4}/i" });
    expect(check("regex", orderId, call("Your order ships tomorrow."))).toEqual({ verdict: "fail", reason: "does not match /order #\\d{4}/i" });
  });

  it("fails a forbidden match when mustMatch is false, saying where", () => {
    const noEmail = { pattern: "[\\w.]+@[\\w.]+", mustMatch: false };
    expect(check("regex", noEmail, call(chat("Write to jane.doe@example.com for help.")))).toEqual({
      verdict: "fail",
      reason: 'matches /[\\w.]+@[\\w.]+/ at position 9: "jane.doe@example.com"',
    });
    expect(check("regex", noEmail, call(chat("Write to our support team.")))).toMatchObject({ verdict: "pass" });
  });

  it("gives the same answer every time with the stateful g and y flags", () => {
    const global = { pattern: "refund", flags: "g", mustMatch: true };
    const verdicts = [1, 2, 3].map(() => check("regex", global, call("refund issued")).verdict);
    expect(verdicts).toEqual(["pass", "pass", "pass"]);
    expect(check("regex", { pattern: "refund", flags: "y", mustMatch: true }, call("a refund")).verdict).toBe("fail");
  });

  it("stays linear on a pattern that makes a backtracking engine run for ever", () => {
    const nested = { pattern: "(a+)+$", mustMatch: true };
    // A backtracking RegExp would not finish on this input in the age of the universe (the suite would hang); RE2 takes milliseconds.
    expect(check("regex", nested, call(`${"a".repeat(30_000)}!`)).verdict).toBe("fail");
    expect(check("regex", { pattern: "^refund", flags: "m", mustMatch: true }, call("a\nrefund")).verdict).toBe("pass");
    expect(check("regex", { pattern: "a.b", flags: "s", mustMatch: true }, call("a\nb")).verdict).toBe("pass");
  });
});

describe("contains", () => {
  it("checks presence and absence, case-sensitively", () => {
    const mustSay = { text: "refund", mustContain: true };
    expect(check("contains", mustSay, call(chat("We issued a refund.")))).toEqual({ verdict: "pass", reason: 'contains "refund"' });
    expect(check("contains", mustSay, call("We issued a Refund."))).toEqual({ verdict: "fail", reason: 'does not contain "refund"' });
    expect(check("contains", { text: "As an AI", mustContain: false }, call("As an AI, I cannot."))).toEqual({ verdict: "fail", reason: 'contains "As an AI"' });
  });
});

describe("expected", () => {
  const exact = { metadataKey: "expected", mode: "exact" };
  const structural = { metadataKey: "expected", mode: "json_equal" };

  it("compares the answer's text exactly in exact mode", () => {
    expect(check("expected", exact, call("billing", { expected: "billing" }))).toEqual({ verdict: "pass", reason: "equals metadata 'expected'" });
    expect(check("expected", exact, call(chat("Billing"), { expected: "billing" }))).toEqual({
      verdict: "fail",
      reason: "output \"Billing\" does not equal metadata 'expected' \"billing\"",
    });
  });

  it("ignores key order in json_equal mode and says where values differ", () => {
    const want = { expected: '{"label": "billing", "tags": ["refund", "late"]}' };
    expect(check("expected", structural, call('{"tags":["refund","late"],"label":"billing"}', want)).verdict).toBe("pass");
    expect(check("expected", exact, call('{"tags":["refund","late"],"label":"billing"}', want)).verdict).toBe("fail");
    expect(check("expected", structural, call(chat('{"label":"billing","tags":["late","refund"]}'), want))).toEqual({
      verdict: "fail",
      reason: "differs from metadata 'expected' at /tags/0: \"late\" instead of \"refund\"",
    });
    expect(check("expected", structural, call('{"label":"billing"}', want)).reason).toBe("differs from metadata 'expected' at /tags: missing instead of \"[\\\"refund\\\",\\\"late\\\"]\"");
    expect(check("expected", structural, call("billing", want)).reason).toMatch(/^output is not JSON: /);
  });

  it("cannot judge without the expected value, or when that value is not JSON in json_equal mode", () => {
    expect(check("expected", exact, call("billing", { feature: "triage" }))).toEqual({ verdict: null, reason: "no metadata 'expected' on the call" });
    expect(check("expected", exact, call("billing", null)).verdict).toBeNull();
    expect(check("expected", { metadataKey: "constructor", mode: "exact" }, call("x", {})).verdict).toBeNull();
    expect(check("expected", structural, call("{}", { expected: "billing" })).reason).toMatch(/^metadata 'expected' is not JSON: /);
  });
});

describe("what no kind can judge", () => {
  it("gives a null verdict without captured output, or for a text kind when the answer is only tool calls", () => {
    expect(check("contains", { text: "refund", mustContain: false }, call(null))).toEqual({ verdict: null, reason: "no captured output" });
    const toolsOnly = JSON.stringify({ role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "lookup", arguments: "{}" } }] });
    expect(check("regex", { pattern: ".", mustMatch: false }, call(toolsOnly))).toEqual({ verdict: null, reason: "the output has no text (only tool calls)" });
  });

  it("gives a null verdict for an unknown kind, an invalid stored config and llm_judge", () => {
    expect(check("sentiment", {}, call("ok")).reason).toBe('unknown evaluator kind "sentiment"');
    expect(check("regex", { pattern: "(", mustMatch: true }, call("ok"))).toEqual({ verdict: null, reason: expect.stringMatching(/^evaluator config is invalid: pattern does not compile/) });
    expect(check("llm_judge", { baseUrl: "https://x.example", model: "m", rubric: "r" }, call("ok")).verdict).toBeNull();
  });
});

// The conformance file is what an evaluator in another language is checked against; this test keeps the
// SDK's own evaluator and the file (and the Python reference beside it) saying the same thing.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { choose, stableFraction, type Features } from "./evaluate";
import { policySchema, type Policy } from "./policy";

type Case = { name: string; policy: string; features: Features; expect: { model: string; ruleId: string | null; propensity: number; arm: number | null } };
type Doc = { hashes: { key: string; fraction: number }[]; policies: Record<string, unknown>; cases: Case[] };

const dir = path.resolve(import.meta.dirname, "../conformance");
const doc = JSON.parse(readFileSync(path.join(dir, "policy-cases.json"), "utf8")) as Doc;
const policies = Object.fromEntries(Object.entries(doc.policies).map(([name, p]) => [name, policySchema.parse(p) as Policy]));

function armOf(policy: Policy, ruleId: string | null, model: string): number | null {
  const split = policy.rules?.find((r) => r.id === ruleId)?.split;
  if (!split) return null;
  const i = split.findIndex((a) => a.model === model);
  return i < 0 ? null : i;
}

describe("policy conformance cases", () => {
  it("hash keys to exactly the listed fractions", () => {
    expect(doc.hashes.length).toBeGreaterThan(5);
    for (const h of doc.hashes) expect(stableFraction(h.key), JSON.stringify(h.key)).toBe(h.fraction);
  });

  it("every case covers splits, exploration and the default", () => {
    const ruleIds = new Set(doc.cases.map((c) => c.expect.ruleId));
    expect(ruleIds.has(null)).toBe(true);
    expect(doc.cases.some((c) => c.expect.arm !== null && c.expect.arm > 0)).toBe(true);
    expect(doc.cases.some((c) => c.expect.propensity < 1 && c.expect.arm === null)).toBe(true);
  });

  it.each(doc.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const policy = policies[c.policy];
    const got = choose(policy, c.features);
    expect({ model: got.model, ruleId: got.ruleId, arm: armOf(policy, got.ruleId, got.model) }).toEqual({ model: c.expect.model, ruleId: c.expect.ruleId, arm: c.expect.arm });
    expect(Math.abs(got.propensity - c.expect.propensity)).toBeLessThanOrEqual(1e-12);
  });

  it("the Python reference implementation passes the same file", () => {
    const run = spawnSync("python3", [path.join(dir, "reference.py"), path.join(dir, "policy-cases.json")], { encoding: "utf8" });
    expect(run.error, "python3 must be installed to run the second implementation").toBeUndefined();
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

// The policy format, its evaluator and the text rules, without the client: this entry has no Node-only
// imports (the client's AsyncLocalStorage is one), so browser code such as the policy editor can load it.
export { policySchema, DEFAULT_POLICY } from "./policy";
export type { Policy, PolicyInput } from "./policy";
export { choose, chooseShares, matches, sampleShadows, stableFraction } from "./evaluate";
export type { Features, Choice, Share } from "./evaluate";
export { exactString, freeString, toStorable, unstorableReason } from "./text";

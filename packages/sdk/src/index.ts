export { Switchyard } from "./switchyard";
export type { SwitchyardOptions } from "./switchyard";
export type { CallContext, CallOptions } from "./wrap";
export { policySchema, DEFAULT_POLICY } from "./policy";
export type { Policy, PolicyInput } from "./policy";
export { choose, chooseShares, matches, sampleShadows, stableFraction } from "./evaluate";
export type { Features, Choice, Share } from "./evaluate";
export { exactString, freeString, toStorable, unstorableReason } from "./text";

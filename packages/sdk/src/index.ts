export { policySchema, DEFAULT_POLICY } from "./policy";
export type { Policy, PolicyInput } from "./policy";

export { Switchyard } from "./switchyard";
export type { SwitchyardOptions } from "./switchyard";
export type { CallContext, CallOptions } from "./events";
export * from "./core";

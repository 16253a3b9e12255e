// A team id that has passed an access check. Only the session gate (lib/auth/session.ts) and the API-key
// check (lib/auth/api-keys.ts) mint one, so a data function taking TeamId cannot be called with an
// unchecked id by accident. Tests mint their own through the factories.
declare const checked: unique symbol;
export type TeamId = string & { readonly [checked]: true };

export function checkedTeamId(id: string): TeamId {
  return id as TeamId;
}

/** What an operator credential may do. `admin` holds every other scope. */
export const OPERATOR_SCOPES = [
  'orders:read',
  'orders:write',
  'inventory:write',
  'intake:ops',
  'notifications:ops',
  'metrics:read',
  'admin',
] as const;

export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

export function isOperatorScope(value: string): value is OperatorScope {
  return (OPERATOR_SCOPES as readonly string[]).includes(value);
}

/** True when the held scopes include one of the required ones; admin passes every check. */
export function grantsAny(held: ReadonlySet<OperatorScope>, required: readonly OperatorScope[]): boolean {
  return held.has('admin') || required.some((scope) => held.has(scope));
}

/** A comma- or space-separated scope list; unknown names are reported, never dropped silently. */
export function parseScopeList(text: string): { scopes: OperatorScope[]; unknown: string[] } {
  const names = text
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    scopes: [...new Set(names.filter(isOperatorScope))],
    unknown: names.filter((name) => !isOperatorScope(name)),
  };
}

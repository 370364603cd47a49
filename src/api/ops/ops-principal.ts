import type { Request } from 'express';

/** Who is acting on an ops route, and what they may do. */
export interface OpsPrincipal {
  actor: string;
  scopes: ReadonlySet<string>;
}

export type PrincipalOf = (req: Request) => OpsPrincipal | undefined;

/**
 * A principal named by headers (`X-Ops-Actor`, `X-Ops-Scopes`, comma or space separated), for an ops
 * router mounted behind a gateway that sets them and strips them from callers, as the intake tests
 * do. The service itself uses the operator its access gate admitted (`src/api/ops/index.ts`).
 */
export function gatewayPrincipal(req: Request): OpsPrincipal | undefined {
  const actor = req.get('x-ops-actor')?.trim();
  if (!actor) return undefined;
  const scopes = (req.get('x-ops-scopes') ?? '').split(/[\s,]+/).filter(Boolean);
  return { actor, scopes: new Set(scopes) };
}

export function isAdmin(principal: OpsPrincipal): boolean {
  return principal.scopes.has('admin');
}

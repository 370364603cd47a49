import type { Request } from 'express';

/** Who is acting on an ops route, and what they may do. */
export interface OpsPrincipal {
  actor: string;
  scopes: ReadonlySet<string>;
}

export type PrincipalOf = (req: Request) => OpsPrincipal | undefined;

/**
 * The principal the ops gateway names in its headers: `X-Ops-Actor` and `X-Ops-Scopes` (comma or
 * space separated). Operator authentication (src/security/principal.ts, `principalOf(req)`) replaces
 * this as the default once it exists: pass it as `principalOf` to `intakeOpsRoutes`.
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

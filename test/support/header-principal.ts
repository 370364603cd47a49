import type { Request } from 'express';
import type { OpsPrincipal } from '../../src/api/ops/ops-principal';

/**
 * A principal named by headers (`X-Ops-Actor`, `X-Ops-Scopes`, comma or space separated), for tests
 * that mount an ops router without the service's access gate. The service never trusts these headers.
 */
export function headerPrincipal(req: Request): OpsPrincipal | undefined {
  const actor = req.get('x-ops-actor')?.trim();
  if (!actor) return undefined;
  const scopes = (req.get('x-ops-scopes') ?? '').split(/[\s,]+/).filter(Boolean);
  return { actor, scopes: new Set(scopes) };
}

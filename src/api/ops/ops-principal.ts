import type { Request } from 'express';

/** Who is acting on an ops route, and what they may do. */
export interface OpsPrincipal {
  actor: string;
  scopes: ReadonlySet<string>;
}

export type PrincipalOf = (req: Request) => OpsPrincipal | undefined;

export function isAdmin(principal: OpsPrincipal): boolean {
  return principal.scopes.has('admin');
}

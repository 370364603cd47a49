import type { Request } from 'express';
import type { OperatorScope } from './scopes';

/** Who is calling, as the access gate established it. */
export type Principal =
  | {
      kind: 'operator';
      /** `bootstrap`, `token:<name>` or `oidc:<subject>`: what audits record. */
      id: string;
      scopes: ReadonlySet<OperatorScope>;
    }
  | {
      kind: 'channel';
      /** `channel-key:<key id>`. */
      id: string;
      accountId: string;
    };

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** The caller the gate authenticated; undefined on public, webhook and customer-link routes. */
export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/** The operator the gate let through, for routes whose door is `operator`. */
export function operatorOf(req: Request): Extract<Principal, { kind: 'operator' }> | undefined {
  const principal = principals.get(req);
  return principal?.kind === 'operator' ? principal : undefined;
}

import type { Queryable } from '../db/database';
import { constantTimeEqual } from './constant-time';
import { createOidcVerifier, type OidcVerifier } from './oidc';
import type { OperatorAuthSettings } from './operator-auth-config';
import type { Principal } from './principal';
import { OPERATOR_SCOPES } from './scopes';
import { verifyServiceToken } from './service-tokens';

export type OperatorPrincipal = Extract<Principal, { kind: 'operator' }>;
export type OperatorAuthenticator = (token: string) => Promise<OperatorPrincipal | undefined>;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Who an operator bearer token belongs to: a service token, the identity provider's JWT, or the bootstrap token. */
export function createOperatorAuthenticator(
  db: Queryable,
  settings: OperatorAuthSettings,
  oidcVerifier?: OidcVerifier,
): OperatorAuthenticator {
  const oidc = oidcVerifier ?? (settings.oidc ? createOidcVerifier(settings.oidc) : undefined);
  return async (token) => {
    if (token.startsWith('st_')) {
      const found = await verifyServiceToken(db, token);
      return found && { kind: 'operator', id: `token:${found.name}`, scopes: new Set(found.scopes) };
    }
    if (oidc && JWT_SHAPE.test(token)) {
      const verified = await oidc.verify(token);
      return verified && { kind: 'operator', id: `oidc:${verified.subject}`, scopes: verified.scopes };
    }
    if (settings.bootstrapToken && constantTimeEqual(settings.bootstrapToken, token)) {
      return { kind: 'operator', id: 'bootstrap', scopes: new Set(OPERATOR_SCOPES) };
    }
    return undefined;
  };
}

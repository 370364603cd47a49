import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isOperatorScope, type OperatorScope } from './scopes';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The claim holding the caller's scopes or roles: a space-separated string or an array. */
  scopesClaim: string;
  /** Roles (or scope names of the identity provider) and the operator scopes each grants. */
  roleScopes: Record<string, OperatorScope[]>;
}

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

function claimValues(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The operator scopes a token's claim grants: mapped roles, and scope names used as they are. */
export function scopesFromClaim(payload: JWTPayload, settings: OidcSettings): Set<OperatorScope> {
  const granted = new Set<OperatorScope>();
  for (const value of claimValues(payload, settings.scopesClaim)) {
    for (const scope of settings.roleScopes[value] ?? []) granted.add(scope);
    if (isOperatorScope(value)) granted.add(value);
  }
  return granted;
}

export interface OidcVerifier {
  /** The subject and scopes of a valid token (signature, issuer, audience, expiry), else undefined. */
  verify(token: string): Promise<{ subject: string; scopes: Set<OperatorScope> } | undefined>;
}

/** Verifies the identity provider's JWTs against its JWKS (fetched and cached by jose, refreshed on an unknown key). */
export function createOidcVerifier(settings: OidcSettings, keys?: JWTVerifyGetKey): OidcVerifier {
  const jwks = keys ?? createRemoteJWKSet(new URL(settings.jwksUrl));
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: ASYMMETRIC_ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: 30,
        });
        return { subject: payload.sub ?? '', scopes: scopesFromClaim(payload, settings) };
      } catch {
        return undefined;
      }
    },
  };
}

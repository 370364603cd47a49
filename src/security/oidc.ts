import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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

/** The identity provider's keys could not be fetched: the caller's token may well be good (answer 503, not 401). */
export class IdentityProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super('The identity provider’s JWKS cannot be fetched', { cause });
    this.name = 'IdentityProviderUnavailable';
  }
}

// jose throws a bare JOSEError only when the JWKS answer is not 200 or not JSON; every verdict on the
// token itself (signature, claims, expiry, unknown key) is a subclass with its own code. A network
// failure of the fetch is no JOSEError at all.
const JWKS_FETCH_FAILURES = new Set([
  errors.JOSEError.code,
  errors.JWKSTimeout.code,
  errors.JWKSInvalid.code,
]);

/** Whether a jwtVerify failure says the JWKS could not be had, rather than anything about the token. */
export function isJwksUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return JWKS_FETCH_FAILURES.has(error.code);
}

export interface OidcVerifier {
  /**
   * The subject and scopes of a valid token (signature, issuer, audience, expiry), else undefined.
   * Throws IdentityProviderUnavailable when the keys to check it with cannot be fetched.
   */
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
      } catch (error) {
        if (isJwksUnavailable(error)) throw new IdentityProviderUnavailable(error);
        return undefined;
      }
    },
  };
}

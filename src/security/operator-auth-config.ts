import { z } from 'zod';
import type { OidcSettings } from './oidc';
import { OPERATOR_SCOPES } from './scopes';

export interface OperatorAuthSettings {
  /** OPS_BOOTSTRAP_TOKEN: an admin bearer token for setting up, when set. */
  bootstrapToken?: string;
  oidc?: OidcSettings;
}

const roleScopesSchema = z.record(z.string(), z.array(z.enum(OPERATOR_SCOPES)));

/** Operator authentication from the environment; a half-configured OIDC is an error, not a silent off. */
export function operatorAuthFromEnv(env: NodeJS.ProcessEnv = process.env): OperatorAuthSettings {
  const bootstrapToken = env.OPS_BOOTSTRAP_TOKEN?.trim();
  if (bootstrapToken !== undefined && bootstrapToken !== '' && bootstrapToken.length < 24) {
    throw new Error('OPS_BOOTSTRAP_TOKEN must be at least 24 characters long');
  }
  const { OPS_OIDC_ISSUER: issuer, OPS_OIDC_AUDIENCE: audience, OPS_OIDC_JWKS_URL: jwksUrl } = env;
  const anyOidc = [issuer, audience, jwksUrl].some(Boolean);
  if (anyOidc && !(issuer && audience && jwksUrl)) {
    throw new Error('Set all of OPS_OIDC_ISSUER, OPS_OIDC_AUDIENCE and OPS_OIDC_JWKS_URL, or none');
  }
  const roleScopes = env.OPS_OIDC_ROLE_SCOPES
    ? roleScopesSchema.parse(JSON.parse(env.OPS_OIDC_ROLE_SCOPES))
    : {};
  return {
    ...(bootstrapToken ? { bootstrapToken } : {}),
    ...(issuer && audience && jwksUrl
      ? { oidc: { issuer, audience, jwksUrl, scopesClaim: env.OPS_OIDC_SCOPES_CLAIM || 'scope', roleScopes } }
      : {}),
  };
}

import type { RouteAccess } from '../../security/access';
import type { JsonSchema } from './json-schema';
import type { ResponseDoc } from './operation';

/** The credentials of the doors that carry one in `Authorization`. */
export const SECURITY_SCHEMES: Record<string, JsonSchema> = {
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An operator credential: a service token (`st_…`, `npm run tokens`), a JWT from the identity provider (OPS_OIDC_*), or OPS_BOOTSTRAP_TOKEN (admin). Each route names the scopes that open it; `admin` opens all.',
  },
  channelKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A sales channel account’s API key (`ik_…`, issued by `POST /ops/intake/channel-keys`). The key names the channel account.',
  },
};

/** The operation's `security` and `x-access`: who may call it and with what. */
export function operationSecurity(access: RouteAccess): JsonSchema {
  switch (access.door) {
    case 'operator':
      return {
        security: [{ operatorToken: [...access.scopes] }],
        'x-access': {
          door: access.door,
          scopes: [...access.scopes],
          ...(access.audit ? { audit: access.audit } : {}),
        },
      };
    case 'channel-key':
      return { security: [{ channelKey: [] }], 'x-access': { door: access.door } };
    case 'public':
      return { security: [], 'x-access': { door: access.door } };
    default:
      // Verified by the route itself (a signature over the body, a signed customer link).
      return { 'x-access': { door: access.door } };
  }
}

/** The answers of the access gate, for routes whose door needs credentials. */
export function accessResponses(access: RouteAccess): Record<number, ResponseDoc> {
  if (access.door === 'operator') {
    return {
      401: { description: 'No or an invalid operator token (`WWW-Authenticate: Bearer`).' },
      403: { description: `The token lacks the scope: one of ${access.scopes.join(', ')} (or admin).` },
    };
  }
  if (access.door === 'channel-key') {
    return { 401: { description: 'No or an invalid API key, or a key of another account.' } };
  }
  return {};
}

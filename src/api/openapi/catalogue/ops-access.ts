import { auditedOperator, operator } from '../../../security/access';
import { serviceTokenRequest } from '../../ops/service-tokens';
import { pathText, type ApiOperation } from '../operation';

/** Service tokens of machines calling operator routes. */
export const OPS_ACCESS_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/ops/service-tokens',
    summary: 'Service tokens with their scopes (never the tokens themselves)',
    tag: 'Ops: access',
    audience: 'ops',
    access: operator('admin'),
    responses: { 200: { description: '`tokens`', content: 'json' } },
  },
  {
    method: 'post',
    path: '/ops/service-tokens',
    summary:
      'Issue a service token with scopes, expiring after `expiresInDays` (default 90, at most 365; shown once)',
    tag: 'Ops: access',
    audience: 'ops',
    access: auditedOperator('service-token.issue', 'admin'),
    body: { schema: serviceTokenRequest },
    responses: {
      201: { description: '`tokenId`, `token`, `expiresAt`', content: 'json' },
      400: { description: 'Bad name, unknown scope or expiry out of range.' },
    },
    example: { body: { name: 'warehouse', scopes: ['orders:write', 'inventory:write'] } },
  },
  {
    method: 'delete',
    path: '/ops/service-tokens/:tokenId',
    summary: 'Revoke a service token',
    tag: 'Ops: access',
    audience: 'ops',
    access: auditedOperator('service-token.revoke', 'admin'),
    params: { tokenId: pathText },
    responses: { 204: { description: 'Revoked (or never existed).' } },
    example: { params: { tokenId: '0000000000000000' } },
  },
];

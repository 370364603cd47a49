import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scopesFromClaim, type OidcSettings } from '../../../src/security/oidc';
import { operatorAuthFromEnv } from '../../../src/security/operator-auth-config';
import { grantsAny, parseScopeList } from '../../../src/security/scopes';

const settings = (scopesClaim: string): OidcSettings => ({
  issuer: 'https://id.test/',
  audience: 'ops',
  jwksUrl: 'https://id.test/jwks',
  scopesClaim,
  roleScopes: { 'warehouse-lead': ['orders:write', 'inventory:write'] },
});

describe('operator scopes', () => {
  test('admin grants every scope; others only their own', () => {
    assert.equal(grantsAny(new Set(['admin']), ['inventory:write']), true);
    assert.equal(grantsAny(new Set(['orders:read']), ['orders:write']), false);
    assert.equal(grantsAny(new Set(['orders:read']), ['orders:write', 'orders:read']), true);
    assert.equal(grantsAny(new Set(), ['orders:read']), false);
  });

  test('a scope list names unknown scopes instead of dropping them', () => {
    assert.deepEqual(parseScopeList('orders:read, orders:read inventory:write,root'), {
      scopes: ['orders:read', 'inventory:write'],
      unknown: ['root'],
    });
  });

  test('a JWT claim grants mapped roles and scope names, as a string or an array', () => {
    assert.deepEqual(
      [...scopesFromClaim({ scope: 'openid orders:read' }, settings('scope'))],
      ['orders:read'],
    );
    assert.deepEqual(
      [...scopesFromClaim({ roles: ['warehouse-lead', 'admin!'] }, settings('roles'))].sort(),
      ['inventory:write', 'orders:write'],
    );
    assert.equal(scopesFromClaim({ roles: 'admin' }, settings('scope')).size, 0);
  });

  test('operator authentication from the environment refuses half a configuration', () => {
    assert.deepEqual(operatorAuthFromEnv({}), {});
    assert.throws(() => operatorAuthFromEnv({ OPS_OIDC_ISSUER: 'https://id.test/' }), /OPS_OIDC_AUDIENCE/);
    assert.throws(() => operatorAuthFromEnv({ OPS_BOOTSTRAP_TOKEN: 'short' }), /at least 24/);
    const full = operatorAuthFromEnv({
      OPS_OIDC_ISSUER: 'https://id.test/',
      OPS_OIDC_AUDIENCE: 'ops',
      OPS_OIDC_JWKS_URL: 'https://id.test/jwks',
      OPS_OIDC_ROLE_SCOPES: '{"lead": ["orders:read"]}',
    });
    assert.equal(full.oidc?.scopesClaim, 'scope');
    assert.deepEqual(full.oidc?.roleScopes, { lead: ['orders:read'] });
    assert.throws(() =>
      operatorAuthFromEnv({
        OPS_OIDC_ISSUER: 'https://id.test/',
        OPS_OIDC_AUDIENCE: 'ops',
        OPS_OIDC_JWKS_URL: 'https://id.test/jwks',
        OPS_OIDC_ROLE_SCOPES: '{"lead": ["everything"]}',
      }),
    );
  });
});

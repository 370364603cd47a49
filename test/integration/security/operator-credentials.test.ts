import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createApp } from '../../../src/api/app';
import { createLogger } from '../../../src/logger';
import { recentOpsAudit } from '../../../src/security/ops-audit';
import { runTokensCommand } from '../../../src/security/tokens-command';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const ISSUER = 'https://id.retailer.test/';
const AUDIENCE = 'order-status-ops';
const BOOTSTRAP = 'bootstrap-token-for-this-test-0123456789';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  authenticate: string | null;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('operator credentials: bootstrap token, service tokens, the identity provider’s JWTs', () => {
  let database: TestDatabase;
  let api: { server: Server; url: string };
  let idp: { server: Server; url: string };
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let jwksRequests = 0;

  before(async () => {
    database = await createTestDatabase();
    const [signing, stranger] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
    signingKey = signing.privateKey;
    strangerKey = stranger.privateKey;
    const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    idp = await listen((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    const app = createApp({
      db: database.db,
      client: {} as never,
      logger: createLogger('silent'),
      operatorAuth: {
        bootstrapToken: BOOTSTRAP,
        oidc: {
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksUrl: `${idp.url}/.well-known/jwks.json`,
          scopesClaim: 'roles',
          roleScopes: { 'ops-lead': ['intake:ops', 'orders:read'] },
        },
      },
    });
    api = await listen(app);
  });

  after(async () => {
    api?.server.close();
    idp?.server.close();
    await database?.drop();
  });

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      authenticate: response.headers.get('www-authenticate'),
    };
  }

  function jwt(
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; audience?: string; issuer?: string; expires?: string | number } = {},
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('dana@retailer.test')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '5m')
      .sign(options.key ?? signingKey);
  }

  test('no credentials: 401 with WWW-Authenticate: Bearer and problem details', async () => {
    const answer = await call('GET', '/ops/intake/source-health');
    assert.equal(answer.status, 401);
    assert.match(answer.authenticate ?? '', /^Bearer /);
    assert.equal(answer.body.code, 'unauthenticated');
    const wrong = await call('GET', '/ops/intake/source-health', 'not-the-bootstrap-token-at-all');
    assert.equal(wrong.status, 401);
    assert.match(wrong.authenticate ?? '', /error="invalid_token"/);
  });

  test('the bootstrap token is admin', async () => {
    assert.equal((await call('GET', '/ops/service-tokens', BOOTSTRAP)).status, 200);
    assert.equal((await call('GET', '/ops/intake/source-health', BOOTSTRAP)).status, 200);
  });

  test('a JWT from the identity provider: signature, issuer, audience and expiry checked, roles mapped to scopes', async () => {
    const lead = await jwt({ roles: ['ops-lead'] });
    assert.equal((await call('GET', '/ops/intake/source-health', lead)).status, 200);
    assert.ok(jwksRequests > 0, 'the keys were fetched from the JWKS URL');
    const forbidden = await call('GET', '/ops/service-tokens', lead);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.code, 'insufficient_scope');
    assert.match(forbidden.authenticate ?? '', /insufficient_scope/);

    const refused = {
      'signed by another key': await jwt({ roles: ['ops-lead'] }, { key: strangerKey }),
      'for another audience': await jwt({ roles: ['ops-lead'] }, { audience: 'someone-else' }),
      'from another issuer': await jwt({ roles: ['ops-lead'] }, { issuer: 'https://evil.test/' }),
      expired: await jwt({ roles: ['ops-lead'] }, { expires: Math.floor(Date.now() / 1000) - 3600 }),
    };
    for (const [why, token] of Object.entries(refused)) {
      assert.equal((await call('GET', '/ops/intake/source-health', token)).status, 401, why);
    }
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', iss: ISSUER, aud: AUDIENCE, roles: ['admin'], exp: 9_999_999_999 }),
    ).toString('base64url')}.`;
    assert.equal((await call('GET', '/ops/service-tokens', unsigned)).status, 401);
    const noRoles = await jwt({});
    assert.equal((await call('GET', '/ops/intake/source-health', noRoles)).status, 403);
  });

  test('a JWT’s principal is recorded: oidc:<subject>', async () => {
    const admin = await jwt({ roles: ['admin'] });
    const issued = await call('POST', '/ops/intake/channel-keys', admin, { accountId: 'oidc-shop' });
    assert.equal(issued.status, 201);
    const audit = await waitForAudit(database, 'channel-key.issue');
    assert.equal(audit.principal, 'oidc:dana@retailer.test');
  });

  test('service tokens: issued with scopes (shown once, stored hashed), listed, revoked', async () => {
    const issued = await runTokensCommand(
      database.db,
      ['issue', '--name', 'warehouse', '--scopes', 'orders:write,intake:ops'],
      'cli:test',
    );
    assert.equal(issued.exitCode, 0, issued.output);
    const token = issued.output.split('\n').at(-1) ?? '';
    assert.match(token, /^st_[a-f0-9]{16}_/);
    const stored = await database.db.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM ops_service_tokens',
    );
    assert.ok(stored.rows.every((row) => !Buffer.from(row.token_hash).toString('utf8').includes(token)));

    assert.equal((await call('GET', '/ops/intake/source-health', token)).status, 200);
    assert.equal((await call('GET', '/ops/service-tokens', token)).status, 403);
    const listed = await runTokensCommand(database.db, ['list'], 'cli:test');
    assert.match(listed.output, /warehouse {2}orders:write,intake:ops/);
    assert.doesNotMatch(listed.output, new RegExp(token));

    const tokenId = token.split('_')[1] ?? '';
    assert.equal((await runTokensCommand(database.db, ['revoke', tokenId], 'cli:test')).exitCode, 0);
    assert.equal((await call('GET', '/ops/intake/source-health', token)).status, 401);
    assert.equal(
      (await runTokensCommand(database.db, ['issue', '--name', 'x', '--scopes', 'orders:delete'], 'cli:test'))
        .exitCode,
      2,
    );
  });

  test('service tokens over HTTP: admin only, unknown scopes refused naming the field', async () => {
    const bad = await call('POST', '/ops/service-tokens', BOOTSTRAP, {
      name: 'bi',
      scopes: ['orders:everything'],
    });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body.errors), /scopes/);
    const issued = await call('POST', '/ops/service-tokens', BOOTSTRAP, {
      name: 'bi',
      scopes: ['orders:read'],
    });
    assert.equal(issued.status, 201);
    const reader = String(issued.body.token);
    assert.equal((await call('GET', '/ops/service-tokens', reader)).status, 403);
    assert.equal((await call('GET', '/ops/exceptions', reader)).status !== 401, true);
    const audit = await waitForAudit(database, 'service-token.issue');
    assert.equal(audit.principal, 'bootstrap');
  });
});

async function waitForAudit(database: TestDatabase, action: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const found = (await recentOpsAudit(database.db)).find((row) => row.action === action);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${action} in the ops audit`);
}

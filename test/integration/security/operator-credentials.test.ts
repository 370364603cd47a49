import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  retryAfter: string | null;
}

async function listen(
  handler: Parameters<typeof createServer>[1],
  port = 0,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('operator credentials: bootstrap token, service tokens, the identity provider’s JWTs', () => {
  let database: TestDatabase;
  let api: { server: Server; url: string };
  let idp: { server: Server; url: string };
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let jwksRequests = 0;
  let publicJwk: JWK;

  before(async () => {
    database = await createTestDatabase();
    const [signing, stranger] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
    signingKey = signing.privateKey;
    strangerKey = stranger.privateKey;
    publicJwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    idp = await listen((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    api = await listen(appTrusting(idp.url));
  });

  function appTrusting(idpUrl: string) {
    return createApp({
      db: database.db,
      client: {} as never,
      logger: createLogger('silent'),
      operatorAuth: {
        bootstrapToken: BOOTSTRAP,
        oidc: {
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksUrl: `${idpUrl}/.well-known/jwks.json`,
          scopesClaim: 'roles',
          roleScopes: { 'ops-lead': ['intake:ops', 'orders:read'] },
        },
      },
    });
  }

  after(async () => {
    api?.server.close();
    idp?.server.close();
    await database?.drop();
  });

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    return callAt(api.url, method, path, token, body);
  }

  async function callAt(
    base: string,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<Answer> {
    const response = await fetch(`${base}${path}`, {
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
      retryAfter: response.headers.get('retry-after'),
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

  test('the identity provider’s JWKS unreachable or failing: a JWT gets 503 with Retry-After, not 401; other tokens still work', async () => {
    let failing = false;
    const keys = (_req: IncomingMessage, res: ServerResponse) => {
      res.statusCode = failing ? 500 : 200;
      res.setHeader('content-type', 'application/json');
      res.end(failing ? '{"error":"down"}' : JSON.stringify({ keys: [publicJwk] }));
    };
    const outageIdp = await listen(keys);
    const port = Number(new URL(outageIdp.url).port);
    const outageApi = await listen(appTrusting(outageIdp.url));
    try {
      await close(outageIdp.server);
      const lead = await jwt({ roles: ['ops-lead'] });
      const down = await callAt(outageApi.url, 'GET', '/ops/intake/source-health', lead);
      assert.equal(down.status, 503, JSON.stringify(down.body));
      assert.equal(down.body.code, 'temporarily_unavailable');
      assert.match(String(down.body.detail), /identity provider/);
      assert.ok(Number(down.retryAfter) >= 1, `Retry-After ${down.retryAfter}`);
      assert.equal(down.authenticate, null, 'the token is not refused');
      assert.equal((await callAt(outageApi.url, 'GET', '/ops/service-tokens', BOOTSTRAP)).status, 200);
      const malformed = await callAt(outageApi.url, 'GET', '/ops/intake/source-health', 'a.b.c');
      assert.equal(malformed.status, 401, 'a token that is not a JWT is refused without the keys');

      failing = true;
      const restarted = await listen(keys, port);
      const erroring = await callAt(outageApi.url, 'GET', '/ops/intake/source-health', lead);
      assert.equal(erroring.status, 503, 'a JWKS answered 500 is the provider’s failure too');
      failing = false;
      assert.equal((await callAt(outageApi.url, 'GET', '/ops/intake/source-health', lead)).status, 200);
      const stranger = await jwt({ roles: ['ops-lead'] }, { key: strangerKey });
      assert.equal((await callAt(outageApi.url, 'GET', '/ops/intake/source-health', stranger)).status, 401);
      await close(restarted.server);
    } finally {
      await close(outageApi.server);
    }
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

  test('service tokens expire: 90 days by default, --expires-in-days bounded, an expired token is 401, list shows it', async () => {
    const day = 86_400_000;
    const byDefault = await runTokensCommand(
      database.db,
      ['issue', '--name', 'scanner', '--scopes', 'orders:read'],
      'cli:test',
    );
    assert.equal(byDefault.exitCode, 0, byDefault.output);
    const expiresAt = Date.parse(/expires (\S+)\./.exec(byDefault.output)?.[1] ?? '');
    assert.ok(Math.abs(expiresAt - (Date.now() + 90 * day)) < 60_000, byDefault.output);

    for (const days of ['0', '366', 'abc', '1.5']) {
      const refused = await runTokensCommand(
        database.db,
        ['issue', '--name', 'scanner', '--scopes', 'orders:read', '--expires-in-days', days],
        'cli:test',
      );
      assert.equal(refused.exitCode, 2, days);
      assert.match(refused.output, /--expires-in-days/);
    }
    const shortLived = await runTokensCommand(
      database.db,
      ['issue', '--name', 'short-lived', '--scopes', 'intake:ops', '--expires-in-days', '1'],
      'cli:test',
    );
    assert.equal(shortLived.exitCode, 0, shortLived.output);
    const token = shortLived.output.split('\n').at(-1) ?? '';
    const tokenId = token.split('_')[1] ?? '';
    assert.equal((await call('GET', '/ops/intake/source-health', token)).status, 200);

    // A day passes for the token: its expiry is moved into the past.
    await database.db.query(
      "UPDATE ops_service_tokens SET expires_at = now() - interval '1 second' WHERE token_id = $1",
      [tokenId],
    );
    const expired = await call('GET', '/ops/intake/source-health', token);
    assert.equal(expired.status, 401);
    assert.match(expired.authenticate ?? '', /error="invalid_token"/);
    const listed = await runTokensCommand(database.db, ['list'], 'cli:test');
    assert.match(
      listed.output,
      new RegExp(`${tokenId} {2}short-lived {2}intake:ops {2}issued \\S+ {2}expired `),
    );

    const overHttp = await call('POST', '/ops/service-tokens', BOOTSTRAP, {
      name: 'bi-weekly',
      scopes: ['orders:read'],
      expiresInDays: 14,
    });
    assert.equal(overHttp.status, 201);
    assert.ok(Math.abs(Date.parse(String(overHttp.body.expiresAt)) - (Date.now() + 14 * day)) < 60_000);
    const tooLong = await call('POST', '/ops/service-tokens', BOOTSTRAP, {
      name: 'forever',
      scopes: ['orders:read'],
      expiresInDays: 10_000,
    });
    assert.equal(tooLong.status, 400);
    assert.match(JSON.stringify(tooLong.body.errors), /expiresInDays/);
    const tokens = (await call('GET', '/ops/service-tokens', BOOTSTRAP)).body.tokens as Array<
      Record<string, unknown>
    >;
    assert.ok(tokens.every((listedToken) => typeof listedToken.expiresAt === 'string'));
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

import { API_OPERATIONS } from '../../src/api/openapi/catalogue';
import type { Queryable } from '../../src/db/database';
import { RouteTable } from '../../src/security/route-table';
import type { OperatorScope } from '../../src/security/scopes';
import { issueServiceToken } from '../../src/security/service-tokens';

/** The admin bearer token every test stack's API accepts (OPS_BOOTSTRAP_TOKEN). */
export const TEST_OPS_TOKEN = 'test-ops-bootstrap-token-0123456789';

// Processes the tests start (the API of a fleet) inherit it; an app built in this process reads it too.
process.env.OPS_BOOTSTRAP_TOKEN ??= TEST_OPS_TOKEN;

const routes = new RouteTable(API_OPERATIONS);
const channelKeys = new Map<string, Promise<string>>();

async function channelKeyFor(baseUrl: string, accountId: string): Promise<string> {
  const cacheKey = `${baseUrl} ${accountId}`;
  if (!channelKeys.has(cacheKey)) {
    const issued = fetch(`${baseUrl}/ops/intake/channel-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_OPS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId }),
    }).then(async (response) => {
      if (response.status !== 201) throw new Error(`channel key for ${accountId}: ${response.status}`);
      return ((await response.json()) as { apiKey: string }).apiKey;
    });
    issued.catch(() => channelKeys.delete(cacheKey));
    channelKeys.set(cacheKey, issued);
  }
  return channelKeys.get(cacheKey)!;
}

function accountOf(body: unknown): string {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  const accountId = (parsed as { accountId?: unknown } | undefined)?.accountId;
  return typeof accountId === 'string' && accountId !== '' ? accountId : 'acme';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The credentials a test sends when it names none: the admin token on operator routes, and on
 * `POST /orders` a key of the account the body names (issued once per stack and account).
 */
export async function defaultCredentials(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, string>> {
  const route = routes.match(method, path.split('?')[0] ?? path)?.route;
  if (route?.access.door === 'operator') return { authorization: `Bearer ${TEST_OPS_TOKEN}` };
  if (route?.access.door === 'channel-key' && route.path === '/orders') {
    return { authorization: `Bearer ${await channelKeyFor(baseUrl, accountOf(body))}` };
  }
  return {};
}

/** The admin token as request headers. */
export const ADMIN_CREDENTIALS: Readonly<Record<string, string>> = {
  authorization: `Bearer ${TEST_OPS_TOKEN}`,
};

/** A service token of its own (principal `token:<name>`) holding only `scopes`, as request headers. */
export async function operatorCredentials(
  db: Queryable,
  name: string,
  scopes: readonly OperatorScope[],
): Promise<Record<string, string>> {
  const { token } = await issueServiceToken(db, name, scopes);
  return { authorization: `Bearer ${token}` };
}

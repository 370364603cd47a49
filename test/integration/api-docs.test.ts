import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API_OPERATIONS } from '../../src/api/openapi/catalogue';
import type { ApiOperation, RequestExample } from '../../src/api/openapi/operation';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { defaultCredentials } from '../support/ops-credentials';

/** The example's path with its parameters filled in, and its query string. */
function examplePath(operation: ApiOperation, example: RequestExample): string {
  const path = operation.path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(example.params?.[name] ?? 'x'),
  );
  const query = new URLSearchParams(example.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

function exampleBody(operation: ApiOperation, body: unknown): { body?: string; type?: string } {
  if (body === undefined) return {};
  if (operation.body?.content !== 'form') return { body: JSON.stringify(body), type: 'application/json' };
  const form =
    typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString();
  return { body: form, type: 'application/x-www-form-urlencoded' };
}

interface Answer {
  status: number;
  text: string;
}

/** Sends the example; a stream is read no further than its status. */
async function send(baseUrl: string, operation: ApiOperation): Promise<Answer> {
  const example = operation.example ?? {};
  const { body, type } = exampleBody(operation, example.body);
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${examplePath(operation, example)}`, {
    method: operation.method.toUpperCase(),
    headers: {
      ...(type ? { 'content-type': type } : {}),
      ...(await defaultCredentials(baseUrl, operation.method, operation.path, example.body)),
      ...example.headers,
    },
    ...(body !== undefined ? { body } : {}),
    signal: abort.signal,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

describe('every documented example, sent to the running service, is not refused as invalid', () => {
  let stack: OrderStack;
  before(async () => {
    stack = await startOrderStack({ notifications: true });
  });
  after(async () => {
    await stack?.stop();
  });

  // In catalogue order: the order submitted first is the one the later examples name.
  for (const operation of API_OPERATIONS) {
    test(`${operation.method.toUpperCase()} ${operation.path}`, async (t) => {
      const answer = await send(stack.baseUrl, operation);
      const context = `${answer.status} ${answer.text.slice(0, 500)}`;
      t.diagnostic(`answered ${answer.status}`);
      assert.ok(answer.status !== 400 && answer.status !== 422, context);
      assert.doesNotMatch(answer.text, /No route for/, context);
      assert.ok(answer.status < 500 || answer.status === 503, context);
    });
  }
});

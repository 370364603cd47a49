import type { FetchLike } from '../../../../src/carriers/http/carrier-http';
import type { HttpExchange } from './openapi';

function parseBody(contentType: string | null, text: string): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A real fetch that also records each exchange (request and response) for spec validation. */
export function recordingFetch(): { fetch: FetchLike; exchanges: HttpExchange[] } {
  const exchanges: HttpExchange[] = [];
  const wrapped: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input);
    const requestHeaders = Object.fromEntries(new Headers(init?.headers).entries());
    const requestText = typeof init?.body === 'string' ? init.body : '';
    const responseText = await response.clone().text();
    exchanges.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: requestHeaders,
      body: parseBody(requestHeaders['content-type'] ?? null, requestText),
      status: response.status,
      responseBody: parseBody(response.headers.get('content-type'), responseText),
    });
    return response;
  };
  return { fetch: wrapped, exchanges };
}

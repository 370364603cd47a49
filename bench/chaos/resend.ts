const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Sent {
  status: number;
  body: Record<string, unknown>;
  attempts: number;
}

/** Answers a sender waits out and sends again: the service is busy, restarting or not ready for the event yet. */
const RETRIED_4XX = new Set([408, 409, 423, 425, 429]);

/**
 * What a channel, a carrier or a warehouse system does with a push: send it again, with backoff,
 * until the service answers 2xx. A refused connection, a timeout and a 5xx are retried; so are the
 * 4xx above. Any other 4xx is an answer and returned. Gives up after `deadlineMs`.
 */
export async function sendUntilAccepted(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
  deadlineMs = 600_000,
): Promise<Sent> {
  const deadline = Date.now() + deadlineMs;
  let last = '';
  for (let attempt = 1; Date.now() < deadline; attempt += 1) {
    try {
      const response = await fetch(url, {
        method: init.method ?? 'POST',
        headers: init.headers,
        body: init.body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      const body = (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (response.status < 400 || (response.status < 500 && !RETRIED_4XX.has(response.status))) {
        return { status: response.status, body, attempts: attempt };
      }
      last = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
  throw new Error(`${init.method ?? 'POST'} ${url} was never accepted: ${last}`);
}

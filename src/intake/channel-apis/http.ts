/** A channel API call that failed; transient ones (429, 5xx, network) are worth retrying later. */
export class ChannelApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ChannelApiError';
  }
}

export async function getJson(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ChannelApiError(`${url}: ${(error as Error).message}`, undefined, true);
  }
  if (!response.ok) {
    const transient = response.status === 429 || response.status >= 500;
    throw new ChannelApiError(`${url} answered ${response.status}`, response.status, transient);
  }
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new ChannelApiError(`${url} answered a body that is not JSON`, response.status, false);
  }
}

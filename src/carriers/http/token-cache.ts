export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface TokenCache {
  /** A valid access token: the cached one until shortly before it expires, else a fresh one. */
  get(): Promise<string>;
  /** Drops `token` (the API answered 401 with it) so the next get() fetches a new one. */
  invalidate(token: string): void;
}

/**
 * Caches an OAuth client-credentials token until `refreshSkewMs` before it expires. Concurrent callers
 * share one token request.
 */
export function createTokenCache(
  fetchToken: () => Promise<IssuedToken>,
  now: () => number,
  refreshSkewMs = 60_000,
): TokenCache {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  return {
    get() {
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      if (!pending) {
        pending = fetchToken()
          .then((issued) => {
            const lifetimeMs = Math.max(0, issued.expiresInSeconds * 1000);
            current = {
              token: issued.accessToken,
              refreshAt: now() + Math.max(lifetimeMs - refreshSkewMs, lifetimeMs / 2),
            };
            return issued.accessToken;
          })
          .finally(() => {
            pending = undefined;
          });
      }
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../../api/problem';
import { TokenBuckets, type RateLimit } from '../../intake/spikes/token-bucket';
import { doorRateLimitedTotal } from '../../observability/metrics';
import {
  loadDoorLimits,
  parseDoorLimits,
  type DoorLimits,
  type DoorLimitsInput,
  type DoorName,
} from './config';
import { doorOf } from './doors';

/** The client's address as express reads it (the `trust proxy` setting decides whether X-Forwarded-For counts). */
export function clientAddressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * One middleware in front of every public door: a bucket per client address and door, and one per
 * account the request names (carrier, provider, order, customer). Over either: 429 with Retry-After,
 * before anything is read or stored.
 */
export function doorRateLimits(limits: DoorLimits): RequestHandler {
  const limitOf = (key: string): RateLimit => {
    const [kind, door] = key.split('|', 2) as ['address' | 'account', DoorName];
    return (kind === 'account' ? limits[door].account : undefined) ?? limits[door].address;
  };
  const buckets = new TokenBuckets(limitOf, undefined, limits.maxKeys);
  return (req: Request, res: Response, next: NextFunction) => {
    const knock = doorOf(req.method, req.path);
    if (!knock) return next();
    const { door, account } = knock;
    const checks: Array<['address' | 'account', string]> = [['address', clientAddressOf(req)]];
    if (account !== undefined && limits[door].account) checks.push(['account', account]);
    for (const [by, value] of checks) {
      const taken = buckets.take(`${by}|${door}|${value}`);
      if (taken.allowed) continue;
      doorRateLimitedTotal.inc({ door, by });
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      const whose = by === 'address' ? 'this client address' : 'this ' + accountWord(door);
      sendProblem(res, 429, 'rate_limited', `Too many requests from ${whose}; retry later.`, {
        retryAfterSeconds: taken.retryAfterSeconds,
        limitedBy: by,
      });
      return;
    }
    next();
  };
}

function accountWord(door: DoorName): string {
  switch (door) {
    case 'orderEvents':
      return 'order';
    case 'carrierWebhooks':
      return 'carrier';
    case 'providerWebhooks':
      return 'provider';
    default:
      return 'account';
  }
}

// X-Forwarded-For is believed only from a proxy on a private network (compose's nginx); a caller on
// the internet cannot name itself another address to slip past the per-address limits.
const DEFAULT_TRUST_PROXY = 'loopback, linklocal, uniquelocal';

function trustProxyFromEnv(value: string | undefined): string | boolean {
  if (value === undefined || value === '') return DEFAULT_TRUST_PROXY;
  return value === 'true' ? true : value === 'false' ? false : value;
}

/**
 * Sets whose X-Forwarded-For names the client (`trustProxy`, else TRUST_PROXY, else private peers)
 * and puts the door limits (`doorLimits`, else DOOR_LIMITS_FILE / DOOR_LIMITS_JSON) in front of
 * everything mounted after it.
 */
export function mountDoorLimits(
  app: Express,
  options: { doorLimits?: DoorLimitsInput; trustProxy?: string | boolean },
): void {
  app.set('trust proxy', options.trustProxy ?? trustProxyFromEnv(process.env.TRUST_PROXY));
  app.use(doorRateLimits(options.doorLimits ? parseDoorLimits(options.doorLimits) : loadDoorLimits()));
}

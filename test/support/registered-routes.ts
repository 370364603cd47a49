import type express from 'express';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { loadNotificationConfig } from '../../src/notifications/config';
import type { InboxFeed } from '../../src/notifications/inbox/feed';

/** One route as express registered it: lower-case method and express path. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

const idleInboxFeed: InboxFeed = {
  subscribe: () => () => undefined,
  close: async () => undefined,
} as unknown as InboxFeed;

/**
 * The API app with every optional part switched on (all carrier webhooks, the notification routes and
 * status page), built on stand-ins that are never called: building it reaches no database or server.
 */
export function appWithEveryRoute(): express.Express {
  return createApp({
    db: {} as never,
    client: {} as never,
    logger: createLogger('silent'),
    carrierWebhookSecrets: {
      fedex: { securityToken: 'token' },
      ups: { credential: 'credential', oauth: { clientId: 'client', clientSecret: 'secret' } },
      easypost: { webhookSecret: 'secret' },
      aftership: { webhookSecret: 'secret' },
    },
    notifications: { config: loadNotificationConfig({}), inboxFeed: idleInboxFeed },
  });
}

function mountPath(layer: RouterLayer): string {
  return typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
}

function walk(stack: RouterLayer[], prefix: string, found: RegisteredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') found.push({ method, path: prefix + layer.route.path });
      }
    } else if (layer.handle.stack) {
      walk(layer.handle.stack, prefix + mountPath(layer), found);
    }
  }
}

/** Every route the app registers, nested routers and their mount paths included. */
export function registeredRoutes(app: express.Express): RegisteredRoute[] {
  const found: RegisteredRoute[] = [];
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '', found);
  return found;
}

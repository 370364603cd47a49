import type { Express, NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database';
import type { NotificationConfig } from '../notifications/config';
import type { InboxFeed } from '../notifications/inbox/feed';
import { createNotificationRouter } from '../notifications/routers';
import {
  attachLiveStreams,
  createLiveStreams,
  liveStreamLimitsFromEnv,
  type LiveStreamLimits,
} from '../runtime/live-streams';
import { customerLinkKeysFromEnv, type CustomerLinkKeys } from '../security/customer-link-keys';
import { statusPageRoutes } from '../status-page/routes';

const CUSTOMER_PATHS = ['/notifications/customers', '/notifications/orders', '/notifications/unsubscribe'];

export interface CustomerRoutesDeps {
  db: Database;
  /** Without it (an app with no notification service) there are no customer routes. */
  notifications?: { config: NotificationConfig; inboxFeed: InboxFeed };
  /** Keys customer links are checked with; by default the notification configuration's. */
  customerLinks?: CustomerLinkKeys;
  /** Caps on open event streams; by default LIVE_STREAMS_*. */
  liveStreams?: LiveStreamLimits;
}

/**
 * The notification routes and the status page, sharing one set of link keys and one count of open
 * event streams; the count is attached to the app so that closing its server ends the streams.
 */
export function mountCustomerRoutes(app: Express, deps: CustomerRoutesDeps): void {
  if (!deps.notifications) return;
  const { config, inboxFeed } = deps.notifications;
  // The keys the notification service signs with, so that what it sends, this API opens.
  const links = deps.customerLinks ?? config.customerLinks?.keys ?? customerLinkKeysFromEnv();
  const streams = createLiveStreams(deps.liveStreams ?? liveStreamLimitsFromEnv());
  attachLiveStreams(app, streams);
  // Their URLs carry the customer's link: no shared cache may keep what they answer.
  app.use(CUSTOMER_PATHS, (_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(createNotificationRouter({ db: deps.db, config, inboxFeed, links, streams }));
  app.use(statusPageRoutes({ db: deps.db, inboxFeed, brandName: config.brand.name, links, streams }));
}

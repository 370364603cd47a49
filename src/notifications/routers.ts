import { Router } from 'express';
import type { Database } from '../db/database';
import type { LiveStreams } from '../runtime/live-streams';
import type { CustomerLinkKeys } from '../security/customer-link-keys';
import type { NotificationConfig } from './config';
import { createSendGridEventsRouter } from './feedback/sendgrid-events-router';
import { createTwilioWebhooksRouter } from './feedback/twilio-webhooks-router';
import type { InboxFeed } from './inbox/feed';
import { createInboxRouter } from './inbox/router';
import { createPreferencesRouter } from './preferences/router';
import { createUnsubscribeRouter } from './preferences/unsubscribe-router';
import { createPreviewRouter } from './templates/preview-router';

export interface NotificationRouterDeps {
  db: Database;
  config: NotificationConfig;
  /** listenToInbox(DATABASE_URL) on PostgreSQL, pollInbox(db) on PGlite. */
  inboxFeed: InboxFeed;
  /** Keys customer links are checked with; by default from the environment. */
  links?: CustomerLinkKeys;
  /** Caps on open inbox streams, shared with the status page's. */
  streams?: LiveStreams;
}

/**
 * Every customer- and provider-facing notification HTTP route in one router (ops routes: src/api/ops). Each route parses its own body (the SendGrid webhook
 * needs the raw bytes), so mount this before any app-wide body parser.
 */
export function createNotificationRouter(deps: NotificationRouterDeps): Router {
  const router = Router();
  router.use(createSendGridEventsRouter(deps));
  router.use(createTwilioWebhooksRouter(deps));
  router.use(createUnsubscribeRouter(deps));
  router.use(createPreferencesRouter(deps));
  router.use(
    createInboxRouter({ db: deps.db, feed: deps.inboxFeed, links: deps.links, streams: deps.streams }),
  );
  router.use(createPreviewRouter(deps));
  return router;
}

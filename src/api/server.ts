import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { runProcess, type ProcessContext } from '../runtime/process';
import { closeServer, listen } from '../runtime/listen';
import { connectTemporal, temporalSettingsFromEnv } from '../runtime/temporal-connections';
import { createApp } from './app';
import { loadIntakeConfig } from '../intake/config';
import { loadNotificationConfig } from '../notifications/config';
import { listenToInbox } from '../notifications/inbox/feed';
import { webhookSecretsFromConfig } from '../carriers/config/settings';

/** The HTTP API as its own process (docker-compose); `npm start` runs it inside src/main.ts instead. */
async function start(lifecycle: ProcessContext): Promise<void> {
  const config = loadConfig();
  const { logger } = lifecycle;
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS must be set for the API process');
  const { db } = await openDatabase(config.DATABASE_URL, config.DATA_DIR);
  lifecycle.onStop(() => db.close());
  const temporal = await connectTemporal(temporalSettingsFromEnv());
  lifecycle.onStop(() => temporal.close());
  const notificationConfig = loadNotificationConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL must be set for the API process');
  const inboxFeed = await listenToInbox(config.DATABASE_URL);
  lifecycle.onStop(() => inboxFeed.close());
  const app = createApp({
    db,
    client: temporal.client,
    logger,
    bodyLimit: config.API_BODY_LIMIT,
    workflowSettings: {
      trackingPollScale: config.TRACKING_POLL_SCALE,
      maxTimelineEntries: config.ORDER_MAX_TIMELINE_ENTRIES,
    },
    carrierWebhookSecrets: webhookSecretsFromConfig(config),
    intake: loadIntakeConfig(),
    notifications: { config: notificationConfig, inboxFeed },
  });
  const server = await listen(app, config.API_PORT);
  lifecycle.onStop(() => closeServer(server));
  logger.info({ port: config.API_PORT }, 'API listening');
}

runProcess('api', start);

import type { NotificationConfig } from '../config';
import { createFcmPushProvider } from './fcm-push';
import { createSendGridEmailProvider } from './sendgrid-email';
import { createTwilioSmsProvider } from './twilio-sms';
import type { Providers } from './types';

export function createProviders(config: NotificationConfig): Providers {
  return {
    email: createSendGridEmailProvider(config),
    sms: createTwilioSmsProvider(config),
    push: createFcmPushProvider(config),
  };
}

import type { CarrierWebhookSecrets } from '../webhooks/webhook-router';
import type { Config } from '../../config';

export interface CarrierApiSettings {
  fedex: { baseUrl: string; clientId: string; clientSecret: string; shipmentRegistrationUrl?: string };
  ups: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    transactionSrc: string;
    webhookDestination?: { url: string; credential: string };
  };
}

export interface CarrierSettings {
  api: CarrierApiSettings;
  webhookSecrets: CarrierWebhookSecrets;
}

function required(config: Config, name: keyof Config): string {
  const value = config[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be set`);
  return value;
}

/** Carrier API and webhook settings from the environment, for processes that talk to real carriers. */
export function carrierSettingsFromConfig(config: Config): CarrierSettings {
  return {
    api: {
      fedex: {
        baseUrl: required(config, 'FEDEX_API_URL'),
        clientId: required(config, 'FEDEX_CLIENT_ID'),
        clientSecret: required(config, 'FEDEX_CLIENT_SECRET'),
        shipmentRegistrationUrl: config.FEDEX_SHIPMENT_REGISTRATION_URL,
      },
      ups: {
        baseUrl: required(config, 'UPS_API_URL'),
        clientId: required(config, 'UPS_CLIENT_ID'),
        clientSecret: required(config, 'UPS_CLIENT_SECRET'),
        transactionSrc: config.UPS_TRANSACTION_SRC,
        webhookDestination:
          config.UPS_WEBHOOK_URL && config.UPS_WEBHOOK_CREDENTIAL
            ? { url: config.UPS_WEBHOOK_URL, credential: config.UPS_WEBHOOK_CREDENTIAL }
            : undefined,
      },
    },
    webhookSecrets: webhookSecretsFromConfig(config),
  };
}

export function webhookSecretsFromConfig(config: Config): CarrierWebhookSecrets {
  return {
    fedex: config.FEDEX_WEBHOOK_SECRET ? { securityToken: config.FEDEX_WEBHOOK_SECRET } : undefined,
    ups: upsWebhookSecrets(config),
    easypost: config.EASYPOST_WEBHOOK_SECRET ? { webhookSecret: config.EASYPOST_WEBHOOK_SECRET } : undefined,
    aftership: config.AFTERSHIP_WEBHOOK_SECRET
      ? { webhookSecret: config.AFTERSHIP_WEBHOOK_SECRET }
      : undefined,
  };
}

function upsWebhookSecrets(config: Config): CarrierWebhookSecrets['ups'] {
  const oauth =
    config.UPS_WEBHOOK_CLIENT_ID && config.UPS_WEBHOOK_CLIENT_SECRET
      ? { clientId: config.UPS_WEBHOOK_CLIENT_ID, clientSecret: config.UPS_WEBHOOK_CLIENT_SECRET }
      : undefined;
  const credential = config.UPS_WEBHOOK_CREDENTIAL;
  return oauth || credential ? { credential, oauth } : undefined;
}

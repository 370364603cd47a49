import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  startCarrierSimulator,
  type CarrierSimulator,
} from '../../simulators/carriers/carrier-simulator';
import { simulatorOptionsFromEnv } from '../../simulators/carriers/config';
import type { Config } from '../../config';
import type { CarrierSettings } from './settings';
import { webhookSecretsFromConfig } from './settings';

/** Webhook secrets shared by the local carrier simulator and the service when none are configured. */
export const DEMO_WEBHOOK_SECRETS = {
  fedex: { securityToken: 'demo-fedex-security-token' },
  ups: { credential: 'demo-ups-track-alert-credential' },
  easypost: { webhookSecret: 'demo-easypost-secret' },
  aftership: { webhookSecret: 'demo-aftership-secret' },
};

/**
 * Runs the carrier simulator for `npm start` and returns carrier settings pointing at it, so orders
 * move through carrier states (by webhooks and polling) without carrier accounts.
 */
export async function startDemoCarriers(
  config: Config,
  apiUrl: string,
): Promise<{ simulator: CarrierSimulator; settings: CarrierSettings }> {
  const configured = webhookSecretsFromConfig(config);
  const webhookSecrets = {
    fedex: configured.fedex ?? DEMO_WEBHOOK_SECRETS.fedex,
    // The simulator pushes UPS events as Track Alert v1 does: to the subscription's destination, with
    // its credential; the service must accept that same credential.
    ups: {
      ...configured.ups,
      credential: configured.ups?.credential ?? DEMO_WEBHOOK_SECRETS.ups.credential,
    },
    easypost: configured.easypost ?? DEMO_WEBHOOK_SECRETS.easypost,
    aftership: configured.aftership ?? DEMO_WEBHOOK_SECRETS.aftership,
  };
  const fromEnv = simulatorOptionsFromEnv({
    CARRIER_SIM_SCENARIO: config.CARRIER_SIM_SCENARIO,
    CARRIER_SIM_STEP_INTERVAL_MS: String(config.CARRIER_SIM_STEP_INTERVAL_MS),
  });
  const simulator = await startCarrierSimulator({
    ...fromEnv,
    port: config.CARRIER_SIM_PORT,
    host: '127.0.0.1',
    webhookTargetUrl: apiUrl,
    webhookSecrets: { ...webhookSecrets, ups: undefined },
  });
  return {
    simulator,
    settings: {
      api: {
        fedex: {
          baseUrl: simulator.url,
          ...DEFAULT_SIMULATOR_CREDENTIALS.fedex,
          shipmentRegistrationUrl: `${simulator.url}/simulator/shipments`,
        },
        ups: {
          baseUrl: simulator.url,
          ...DEFAULT_SIMULATOR_CREDENTIALS.ups,
          transactionSrc: config.UPS_TRANSACTION_SRC,
          webhookDestination: {
            url: config.UPS_WEBHOOK_URL ?? `${apiUrl}/webhooks/ups`,
            credential: webhookSecrets.ups.credential,
          },
        },
      },
      webhookSecrets,
    },
  };
}

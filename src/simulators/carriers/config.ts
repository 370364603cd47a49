import type { Carrier } from '../../domain/tracking-status';
import { WEBHOOK_CHANNELS, type WebhookChannel } from './shipment';
import type { CarrierSimulatorOptions } from './carrier-simulator';
import { SCENARIO_NAMES, isScenarioName, type ScenarioName } from './scenarios';

/**
 * Simulator options from the environment (the demo). Secrets must match the service's:
 * CARRIER_SIM_PORT, CARRIER_SIM_WEBHOOK_TARGET, CARRIER_SIM_STEP_INTERVAL_MS, CARRIER_SIM_SCENARIO
 * ("mix" cycles through every scenario), FEDEX_WEBHOOK_SECRET, UPS_WEBHOOK_CLIENT_ID and
 * UPS_WEBHOOK_CLIENT_SECRET (v2 subscriptions; a v1 subscription brings its own destination and
 * credential), EASYPOST_WEBHOOK_SECRET, AFTERSHIP_WEBHOOK_SECRET,
 * FEDEX_CLIENT_ID / FEDEX_CLIENT_SECRET and UPS_CLIENT_ID / UPS_CLIENT_SECRET.
 */
export function simulatorOptionsFromEnv(env: NodeJS.ProcessEnv): CarrierSimulatorOptions {
  const scenario = env.CARRIER_SIM_SCENARIO ?? 'mix';
  let next = 0;
  const assigned = new Map<string, ScenarioName>();
  const scenarioFor = (trackingNumber: string): ScenarioName => {
    if (isScenarioName(scenario)) return scenario;
    const known = assigned.get(trackingNumber);
    if (known) return known;
    const picked = SCENARIO_NAMES[next++ % SCENARIO_NAMES.length] ?? 'normal_delivery';
    assigned.set(trackingNumber, picked);
    return picked;
  };
  const pair = (id: string | undefined, secret: string | undefined) =>
    id && secret ? { clientId: id, clientSecret: secret } : undefined;
  const interval = Number(env.CARRIER_SIM_STEP_INTERVAL_MS ?? '5000');
  return {
    port: Number(env.CARRIER_SIM_PORT ?? '4010'),
    webhookTargetUrl: env.CARRIER_SIM_WEBHOOK_TARGET,
    stepIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : undefined,
    minStepGapMs: 1000,
    scenarioFor,
    fedexCredentials: pair(env.FEDEX_CLIENT_ID, env.FEDEX_CLIENT_SECRET),
    upsCredentials: pair(env.UPS_CLIENT_ID, env.UPS_CLIENT_SECRET),
    webhookSecrets: {
      fedex: env.FEDEX_WEBHOOK_SECRET ? { securityToken: env.FEDEX_WEBHOOK_SECRET } : undefined,
      ups: pair(env.UPS_WEBHOOK_CLIENT_ID, env.UPS_WEBHOOK_CLIENT_SECRET),
      easypost: env.EASYPOST_WEBHOOK_SECRET ? { webhookSecret: env.EASYPOST_WEBHOOK_SECRET } : undefined,
      aftership: env.AFTERSHIP_WEBHOOK_SECRET ? { webhookSecret: env.AFTERSHIP_WEBHOOK_SECRET } : undefined,
    },
    defaultChannels: (carrier: Carrier) => {
      const listed = (env.CARRIER_SIM_CHANNELS ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter((c): c is WebhookChannel => (WEBHOOK_CHANNELS as readonly string[]).includes(c));
      return listed.length > 0 ? listed : [carrier];
    },
  };
}

import type { Config } from './config';
import { providersToSimulate } from './notifications/demo-providers';
import type { PlannedPort } from './runtime/port-preflight';

/** Whether `npm start` runs the carrier simulator: only when no carrier API is configured. */
export function runsCarrierSimulator(config: Config): boolean {
  return !config.FEDEX_API_URL && !config.UPS_API_URL;
}

/** Every port `npm start` will bind with this configuration, with the variable that moves it. */
export function startupPorts(config: Config, env: NodeJS.ProcessEnv): PlannedPort[] {
  const ports: PlannedPort[] = [{ port: config.API_PORT, variable: 'API_PORT', what: 'HTTP API' }];
  if (!config.TEMPORAL_ADDRESS) {
    ports.push(
      {
        port: config.TEMPORAL_DEV_SERVER_PORT,
        variable: 'TEMPORAL_DEV_SERVER_PORT',
        what: 'Temporal dev server',
        host: '127.0.0.1',
      },
      { port: config.TEMPORAL_UI_PORT, variable: 'TEMPORAL_UI_PORT', what: 'Temporal UI', host: '127.0.0.1' },
    );
  }
  if (runsCarrierSimulator(config)) {
    ports.push({
      port: config.CARRIER_SIM_PORT,
      variable: 'CARRIER_SIM_PORT',
      what: 'carrier simulator',
      host: '127.0.0.1',
    });
  }
  const simulatorPorts = {
    sendgrid: {
      port: config.SENDGRID_SIM_PORT,
      variable: 'SENDGRID_SIM_PORT',
      what: 'SendGrid simulator',
      host: '127.0.0.1',
    },
    twilio: {
      port: config.TWILIO_SIM_PORT,
      variable: 'TWILIO_SIM_PORT',
      what: 'Twilio simulator',
      host: '127.0.0.1',
    },
    fcm: { port: config.FCM_SIM_PORT, variable: 'FCM_SIM_PORT', what: 'FCM simulator', host: '127.0.0.1' },
  };
  for (const provider of providersToSimulate(env)) ports.push(simulatorPorts[provider]);
  return ports;
}

import type { Logger } from './logger';

export interface ReadyInfo {
  readyInMs: number;
  api: string;
  temporalUi?: string;
  temporal: string;
  database: string;
  carrierSimulator?: string;
  providerSimulators: Partial<Record<'sendgrid' | 'twilio' | 'fcm', string>>;
  demoStockSeeded: unknown;
  /** Secrets running on the code's demo values (the payload key among them): local use only. */
  demoSecrets?: string[];
  /** The admin bearer token of this run (OPS_BOOTSTRAP_TOKEN, or generated when unset). */
  opsToken?: { token: string; generated: boolean };
}

const PROVIDER_NAMES = { sendgrid: 'SendGrid', twilio: 'Twilio', fcm: 'FCM' } as const;

/** Logs that `npm start` is ready and prints where everything runs. */
export function printReady(logger: Logger, info: ReadyInfo): void {
  const { opsToken, ...logged } = info;
  // The token goes to the terminal only, never into the structured log.
  logger.info(logged, 'ready');
  const simulators = Object.entries(info.providerSimulators)
    .filter((entry): entry is [keyof typeof PROVIDER_NAMES, string] => entry[1] !== undefined)
    .map(([provider, url]) => `${PROVIDER_NAMES[provider]} ${url}`);
  console.log(
    [
      '',
      `Order Status Tracking is running (ready in ${(info.readyInMs / 1000).toFixed(1)} s; Ctrl-C stops it)`,
      `  API          ${info.api}`,
      ...(info.temporalUi ? [`  Temporal UI  ${info.temporalUi}`] : []),
      `  Temporal     ${info.temporal}`,
      `  Database     ${info.database}`,
      ...(simulators.length > 0 ? [`  Messages     simulators: ${simulators.join(', ')}`] : []),
      ...(opsToken
        ? [
            `  Ops token    ${opsToken.token}`,
            `               (admin; ${opsToken.generated ? 'generated for this run, set OPS_BOOTSTRAP_TOKEN to keep one' : 'OPS_BOOTSTRAP_TOKEN'})`,
          ]
        : []),
      ...(info.demoSecrets && info.demoSecrets.length > 0
        ? [
            `  Demo secrets ${info.demoSecrets.join(', ')}`,
            "               and the simulators' and demo channel accounts' secrets: for this machine only;",
            '               NODE_ENV=production refuses to start with any of them (README "Before production")',
          ]
        : []),
      ...(info.carrierSimulator
        ? [`  Carriers     simulator at ${info.carrierSimulator} (FedEx, UPS, EasyPost, AfterShip)`]
        : []),
      '',
    ].join('\n'),
  );
}

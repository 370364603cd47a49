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
}

const PROVIDER_NAMES = { sendgrid: 'SendGrid', twilio: 'Twilio', fcm: 'FCM' } as const;

/** Logs that `npm start` is ready and prints where everything runs. */
export function printReady(logger: Logger, info: ReadyInfo): void {
  logger.info(info, 'ready');
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
      ...(info.carrierSimulator
        ? [`  Carriers     simulator at ${info.carrierSimulator} (FedEx, UPS, EasyPost, AfterShip)`]
        : []),
      '',
    ].join('\n'),
  );
}

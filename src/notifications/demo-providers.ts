import { startFcmSimulator, type FcmSimulator } from '../simulators/fcm';
import { startSendGridSimulator, type SendGridSimulator } from '../simulators/sendgrid';
import { startTwilioSimulator, type TwilioSimulator } from '../simulators/twilio';

export type MessageProvider = 'sendgrid' | 'twilio' | 'fcm';

export interface DemoProviders {
  /** Environment for loadNotificationConfig: the user's settings over the simulators' settings. */
  env: Record<string, string>;
  /** The simulators that run, by provider. */
  urls: Partial<Record<MessageProvider, string>>;
  close(): Promise<void>;
}

export interface DemoProviderOptions {
  /** The user's environment; every variable set in it wins over a simulator's value. */
  env?: NodeJS.ProcessEnv;
  /** Fixed simulator ports (the demo prints them); free ones when omitted (tests). */
  ports?: Partial<Record<MessageProvider, number>>;
}

const API_URL_VARIABLE: Record<MessageProvider, string> = {
  sendgrid: 'SENDGRID_API_URL',
  twilio: 'TWILIO_API_URL',
  fcm: 'FCM_API_URL',
};

export const DEMO_CREDENTIALS = {
  SENDGRID_API_KEY: 'SG.demo-key',
  TWILIO_ACCOUNT_SID: 'ACdemo',
  TWILIO_AUTH_TOKEN: 'demo-twilio-token',
  FCM_PROJECT_ID: 'demo-project',
  FCM_ACCESS_TOKEN: 'demo-fcm-token',
};

/**
 * Messages each simulator keeps for /_sim/received and its lookups while `npm start` runs: the latest
 * ones, enough for the notification service's reconciliation a few seconds after a send, without
 * the process growing with every message it ever sent.
 */
export const DEMO_KEPT_MESSAGES = 2000;

/** Each provider decides on its own: a simulator runs for it unless its API URL is set. */
export function providersToSimulate(env: NodeJS.ProcessEnv): MessageProvider[] {
  return (Object.keys(API_URL_VARIABLE) as MessageProvider[]).filter(
    (provider) => !env[API_URL_VARIABLE[provider]],
  );
}

/** The simulators' values with every variable the user set laid over them. */
export function withExplicitSettings(
  simulated: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const explicit = Object.entries(env).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return { ...simulated, ...Object.fromEntries(explicit) };
}

type Simulators = { sendgrid?: SendGridSimulator; twilio?: TwilioSimulator; fcm?: FcmSimulator };

function simulatorEnv(simulators: Simulators, apiUrl: string): Record<string, string> {
  const { sendgrid, twilio, fcm } = simulators;
  return {
    NOTIFY_PUBLIC_BASE_URL: apiUrl,
    ...(sendgrid && {
      SENDGRID_API_URL: sendgrid.url,
      SENDGRID_API_KEY: DEMO_CREDENTIALS.SENDGRID_API_KEY,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
    }),
    ...(twilio && {
      TWILIO_API_URL: twilio.url,
      TWILIO_ACCOUNT_SID: DEMO_CREDENTIALS.TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: DEMO_CREDENTIALS.TWILIO_AUTH_TOKEN,
    }),
    ...(fcm && {
      FCM_API_URL: fcm.url,
      FCM_PROJECT_ID: DEMO_CREDENTIALS.FCM_PROJECT_ID,
      FCM_ACCESS_TOKEN: DEMO_CREDENTIALS.FCM_ACCESS_TOKEN,
      FCM_RECONCILE_URL: fcm.reconcileUrl,
    }),
  };
}

/**
 * SendGrid, Twilio and FCM simulators for `npm start`, one for each provider whose API URL is not
 * set: customers' messages go through the real wire formats and can be read back at each
 * simulator's /_sim/received. A simulator accepts the credentials the service will send, so a user
 * who sets, say, TWILIO_AUTH_TOKEN alone still gets a working simulator.
 */
export async function startDemoProviders(
  apiUrl: string,
  options: DemoProviderOptions = {},
): Promise<DemoProviders> {
  const env = options.env ?? {};
  const wanted = new Set(providersToSimulate(env));
  const credential = (name: keyof typeof DEMO_CREDENTIALS) => env[name] || DEMO_CREDENTIALS[name];
  const simulators: Simulators = {};
  const close = () =>
    Promise.all([simulators.sendgrid?.close(), simulators.twilio?.close(), simulators.fcm?.close()]);
  try {
    if (wanted.has('sendgrid'))
      simulators.sendgrid = await startSendGridSimulator({
        port: options.ports?.sendgrid ?? 0,
        apiKey: credential('SENDGRID_API_KEY'),
        eventWebhookUrl: `${env.NOTIFY_PUBLIC_BASE_URL || apiUrl}/webhooks/sendgrid/events`,
        keepReceived: DEMO_KEPT_MESSAGES,
      });
    if (wanted.has('twilio'))
      simulators.twilio = await startTwilioSimulator({
        port: options.ports?.twilio ?? 0,
        accountSid: credential('TWILIO_ACCOUNT_SID'),
        authToken: credential('TWILIO_AUTH_TOKEN'),
        keepReceived: DEMO_KEPT_MESSAGES,
      });
    if (wanted.has('fcm'))
      simulators.fcm = await startFcmSimulator({
        port: options.ports?.fcm ?? 0,
        projectId: credential('FCM_PROJECT_ID'),
        accessToken: credential('FCM_ACCESS_TOKEN'),
        keepReceived: DEMO_KEPT_MESSAGES,
      });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    env: withExplicitSettings(simulatorEnv(simulators, apiUrl), env),
    urls: {
      sendgrid: simulators.sendgrid?.url,
      twilio: simulators.twilio?.url,
      fcm: simulators.fcm?.url,
    },
    async close() {
      await close();
    },
  };
}

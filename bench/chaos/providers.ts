import { startFcmSimulator, type FcmSimulator } from '../../src/simulators/fcm';
import type { FailureMode } from '../../src/simulators/message-provider-server';
import { startSendGridSimulator, type SendGridSimulator } from '../../src/simulators/sendgrid';
import { startTwilioSimulator, type TwilioSimulator } from '../../src/simulators/twilio';
import { startSwitchableProxy, type SwitchableProxy } from './switchable-proxy';

const CREDENTIALS = {
  sendgridKey: 'SG.chaos-key',
  twilioSid: 'ACchaos',
  twilioToken: 'chaos-twilio-token',
  fcmProject: 'chaos-project',
  fcmToken: 'chaos-fcm-token',
};

/** A provider's calls failing 30% of the time, in every way the simulators can fail. */
export const THIRTY_PERCENT_FAULTS: Partial<FailureMode> = {
  rate: 0.3,
  faults: ['429', '500', '503', 'timeout', 'timeout_after_accept'],
  timeoutMs: 3000,
};

/** The SendGrid, Twilio and FCM simulators of a chaos run, with outages and fault rates on demand. */
export interface ChaosProviders {
  /** The notification service's settings pointing at the simulators. */
  env: Record<string, string>;
  sendgrid: SendGridSimulator;
  twilio: TwilioSimulator;
  fcm: FcmSimulator;
  /** SendGrid answers 503 and Twilio is down (connections refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  setFailures(mode: Partial<FailureMode>): void;
  close(): Promise<void>;
}

export async function startChaosProviders(apiUrl: string): Promise<ChaosProviders> {
  const sendgrid = await startSendGridSimulator({
    apiKey: CREDENTIALS.sendgridKey,
    eventWebhookUrl: `${apiUrl}/webhooks/sendgrid/events`,
  });
  const twilio = await startTwilioSimulator({
    accountSid: CREDENTIALS.twilioSid,
    authToken: CREDENTIALS.twilioToken,
  });
  const fcm = await startFcmSimulator({
    projectId: CREDENTIALS.fcmProject,
    accessToken: CREDENTIALS.fcmToken,
  });
  const twilioFront: SwitchableProxy = await startSwitchableProxy(Number(new URL(twilio.url).port));
  const setFailures = (mode: Partial<FailureMode>) => {
    for (const simulator of [sendgrid, twilio, fcm]) simulator.setFailureMode(mode);
  };
  return {
    env: {
      NOTIFY_PUBLIC_BASE_URL: apiUrl,
      SENDGRID_API_URL: sendgrid.url,
      SENDGRID_API_KEY: CREDENTIALS.sendgridKey,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
      TWILIO_API_URL: twilioFront.url,
      TWILIO_ACCOUNT_SID: CREDENTIALS.twilioSid,
      TWILIO_AUTH_TOKEN: CREDENTIALS.twilioToken,
      FCM_API_URL: fcm.url,
      FCM_PROJECT_ID: CREDENTIALS.fcmProject,
      FCM_ACCESS_TOKEN: CREDENTIALS.fcmToken,
      FCM_RECONCILE_URL: fcm.reconcileUrl,
      NOTIFY_PROVIDER_TIMEOUT_MS: '1000',
    },
    sendgrid,
    twilio,
    fcm,
    async down() {
      sendgrid.setFailureMode({ rate: 1, faults: ['503'] });
      await twilioFront.off();
    },
    async up() {
      sendgrid.setFailureMode({ rate: 0 });
      await twilioFront.on();
    },
    setFailures,
    async close() {
      await twilioFront.close();
      await Promise.all([sendgrid.close(), twilio.close(), fcm.close()]);
    },
  };
}

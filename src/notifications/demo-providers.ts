import { startFcmSimulator } from '../simulators/fcm';
import { startSendGridSimulator } from '../simulators/sendgrid';
import { startTwilioSimulator } from '../simulators/twilio';

export interface DemoProviders {
  /** Environment for loadNotificationConfig that points every provider at its simulator. */
  env: Record<string, string>;
  urls: { sendgrid: string; twilio: string; fcm: string };
  close(): Promise<void>;
}

const DEMO = {
  sendgridKey: 'SG.demo-key',
  twilioSid: 'ACdemo',
  twilioToken: 'demo-twilio-token',
  fcmProject: 'demo-project',
  fcmToken: 'demo-fcm-token',
};

/**
 * SendGrid, Twilio and FCM simulators for `npm start`: customers' messages go through the real
 * wire formats and can be read back at each simulator's /_sim/received.
 */
export async function startDemoProviders(apiUrl: string, basePort?: number): Promise<DemoProviders> {
  // Fixed ports when given (the demo prints them); free ones otherwise (tests).
  const port = (offset: number) => (basePort === undefined ? 0 : basePort + offset);
  const sendgrid = await startSendGridSimulator({
    port: port(0),
    apiKey: DEMO.sendgridKey,
    eventWebhookUrl: `${apiUrl}/webhooks/sendgrid/events`,
  });
  const twilio = await startTwilioSimulator({
    port: port(10),
    accountSid: DEMO.twilioSid,
    authToken: DEMO.twilioToken,
  });
  const fcm = await startFcmSimulator({
    port: port(20),
    projectId: DEMO.fcmProject,
    accessToken: DEMO.fcmToken,
  });
  return {
    env: {
      NOTIFY_PUBLIC_BASE_URL: apiUrl,
      SENDGRID_API_URL: sendgrid.url,
      SENDGRID_API_KEY: DEMO.sendgridKey,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey,
      TWILIO_API_URL: twilio.url,
      TWILIO_ACCOUNT_SID: DEMO.twilioSid,
      TWILIO_AUTH_TOKEN: DEMO.twilioToken,
      FCM_API_URL: fcm.url,
      FCM_PROJECT_ID: DEMO.fcmProject,
      FCM_ACCESS_TOKEN: DEMO.fcmToken,
      FCM_RECONCILE_URL: fcm.reconcileUrl,
    },
    urls: { sendgrid: sendgrid.url, twilio: twilio.url, fcm: fcm.url },
    async close() {
      await Promise.all([sendgrid.close(), twilio.close(), fcm.close()]);
    },
  };
}

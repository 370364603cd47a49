import type { NotificationConfig } from '../config';
import { failureFromFetchError, kindForStatus, ProviderFailure, retryAfterMs } from './provider-failure';
import type { OutgoingPush, PushProvider } from './types';

interface FcmErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: { errorCode?: string }[] };
}

/** Push through the FCM HTTP v1 send endpoint (one request per device token). */
export function createFcmPushProvider(
  config: Pick<NotificationConfig, 'fcm' | 'providerTimeoutMs'>,
): PushProvider {
  const { apiUrl, projectId, accessToken, reconcileUrl } = config.fcm;
  const sendUrl = `${apiUrl.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(projectId)}/messages:send`;

  return {
    async send(push: OutgoingPush) {
      let response: Response;
      try {
        response = await fetch(sendUrl, {
          method: 'POST',
          headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            message: {
              token: push.token,
              notification: { title: push.title, body: push.body },
              data: { orderId: push.orderId, link: push.link, delivery_key: push.deliveryKey },
              // A resend after an unknown outcome replaces the first one on the device.
              android: { collapse_key: push.deliveryKey.slice(0, 64) },
              apns: { headers: { 'apns-collapse-id': push.deliveryKey.slice(0, 64) } },
            },
          }),
          signal: AbortSignal.timeout(config.providerTimeoutMs),
        });
      } catch (error) {
        throw failureFromFetchError('FCM', error);
      }
      const body = (await response.json().catch(() => ({}))) as FcmErrorBody & { name?: string };
      if (!response.ok) {
        const errorCode = body.error?.details?.find((detail) => detail.errorCode)?.errorCode;
        const recipient = errorCode === 'UNREGISTERED' || errorCode === 'INVALID_ARGUMENT';
        throw new ProviderFailure(
          recipient ? 'recipient_rejected' : kindForStatus(response.status),
          `FCM ${response.status} ${errorCode ?? body.error?.status ?? ''}: ${body.error?.message ?? response.statusText}`,
          true,
          retryAfterMs(response.headers.get('retry-after')),
          errorCode,
        );
      }
      return body.name ?? '';
    },

    async findAccepted(push: OutgoingPush) {
      if (!reconcileUrl) return undefined;
      const url = new URL(reconcileUrl);
      url.searchParams.set('delivery_key', push.deliveryKey);
      url.searchParams.set('token', push.token);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(config.providerTimeoutMs) });
        if (!response.ok)
          throw new ProviderFailure('unavailable', `FCM lookup answered ${response.status}`, true);
        const body = (await response.json()) as { messages?: { name: string }[] };
        return body.messages?.[0]?.name;
      } catch (error) {
        if (error instanceof ProviderFailure) throw error;
        throw failureFromFetchError('FCM lookup', error);
      }
    },
  };
}

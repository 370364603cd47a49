import { randomUUID } from 'node:crypto';
import { carrierErrorOf, rejection, sendAuthorized } from '../http/authorized-request';
import {
  readDocumentedJson,
  readJson,
  resolveHttp,
  sendWithRetry,
  type CarrierHttpOptions,
  type ResolvedHttp,
} from '../http/carrier-http';
import { CarrierAuthRejectedError, CarrierRequestRejectedError } from '../http/errors';
import { createTokenCache, type IssuedToken } from '../http/token-cache';
import { readIssuedToken } from '../http/token-response';
import type { TrackingLookup } from '../tracking-lookup';
import { parseUpsTrackResponse } from './ups-track-parser';
import { upsTrackResponseSchema } from './ups-track-schema';

/** Track Alert takes at most 100 numbers per subscription request. */
export const UPS_MAX_NUMBERS_PER_SUBSCRIPTION = 100;

/** The numbers Track Alert accepts: 1Z + 16, or 1R + 14 or 26 characters. */
export const UPS_TRACK_ALERT_NUMBER = /(^1Z[0-9A-Z]{16}$)|(^1R[0-9A-Z]{14}$)|(^1R[0-9A-Z]{26}$)/;

export interface UpsClientOptions extends CarrierHttpOptions {
  /** https://wwwcie.ups.com, https://onlinetools.ups.com, or the simulator's URL (paths start with /api, /security). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent as the transactionSrc header on every request. */
  transactionSrc?: string;
  locale?: string;
  /**
   * Where Track Alert pushes go and the credential it sends back in the `credential` header
   * (a v1 subscription's destination). Unset: v2 subscriptions, whose webhook is set in the UPS portal.
   */
  webhookDestination?: { url: string; credential: string };
}

export interface UpsSubscriptionResult {
  validTrackingNumbers: string[];
  invalidTrackingNumbers: string[];
}

export interface UpsClient {
  track(trackingNumber: string): Promise<TrackingLookup>;
  /** Subscribes numbers to Track Alert pushes (standard events), 100 per request. */
  subscribe(trackingNumbers: readonly string[]): Promise<UpsSubscriptionResult>;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function requestUpsToken(options: UpsClientOptions, http: ResolvedHttp): Promise<IssuedToken> {
  const url = joinUrl(options.baseUrl, '/security/v1/oauth/token');
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  const response = await sendWithRetry('ups', http, url, () => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: 'grant_type=client_credentials',
  }));
  if (!response.ok) {
    const { code, message } = carrierErrorOf(await readJson(response));
    throw new CarrierAuthRejectedError(
      `ups: token request refused (HTTP ${response.status}): ${message}`,
      'ups',
      response.status,
      code,
    );
  }
  return readIssuedToken('ups', response);
}

export function createUpsClient(options: UpsClientOptions): UpsClient {
  const http = resolveHttp(options);
  const tokens = createTokenCache(() => requestUpsToken(options, http), http.now);
  const transactionSrc = options.transactionSrc ?? 'order-status-tracking';
  const locale = options.locale ?? 'en_US';

  // transId must be unique per request and at most 32 characters.
  const headers = (token: string): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    transId: randomUUID().replaceAll('-', ''),
    transactionSrc,
  });

  return {
    async track(trackingNumber) {
      const number = trackingNumber.trim();
      const query = new URLSearchParams({
        locale,
        returnSignature: 'false',
        returnMilestones: 'false',
        returnPOD: 'false',
      });
      const url = joinUrl(
        options.baseUrl,
        `/api/track/v1/details/${encodeURIComponent(number)}?${query.toString()}`,
      );
      const response = await sendAuthorized('ups', http, tokens, url, (token) => ({
        method: 'GET',
        headers: headers(token),
      }));
      if (response.status === 404) {
        // The spec's "Tracking number information not found": the same answer as the TW0001 warning.
        const { code, message } = carrierErrorOf(await readJson(response));
        return { found: false, carrier: 'ups', trackingNumber: number, carrierCode: code ?? '404', message };
      }
      if (!response.ok) throw await rejection('ups', url, response);
      const answer = await readDocumentedJson('ups', 'track response', response, upsTrackResponseSchema);
      return parseUpsTrackResponse(number, answer);
    },

    async subscribe(trackingNumbers) {
      const destination = options.webhookDestination;
      const version = destination ? 'v1' : 'v2';
      const url = joinUrl(options.baseUrl, `/api/track/${version}/subscription/standard/package`);
      const result: UpsSubscriptionResult = { validTrackingNumbers: [], invalidTrackingNumbers: [] };
      const distinct = [...new Set(trackingNumbers.map((number) => number.trim()).filter(Boolean))];
      // Numbers Track Alert cannot take are answered here rather than sent.
      const numbers = distinct.filter((number) => UPS_TRACK_ALERT_NUMBER.test(number));
      result.invalidTrackingNumbers.push(
        ...distinct.filter((number) => !UPS_TRACK_ALERT_NUMBER.test(number)),
      );
      for (let start = 0; start < numbers.length; start += UPS_MAX_NUMBERS_PER_SUBSCRIPTION) {
        const trackingNumberList = numbers.slice(start, start + UPS_MAX_NUMBERS_PER_SUBSCRIPTION);
        const response = await sendAuthorized('ups', http, tokens, url, (token) => ({
          method: 'POST',
          headers: { ...headers(token), 'content-type': 'application/json' },
          body: JSON.stringify({
            locale,
            countryCode: 'US',
            trackingNumberList,
            ...(destination && {
              destination: {
                url: destination.url,
                credentialType: 'Bearer',
                credential: destination.credential,
              },
            }),
          }),
        }));
        const body = (await readJson(response)) as Partial<UpsSubscriptionResult> | undefined;
        if (!response.ok) {
          const { code, message } = carrierErrorOf(body);
          throw new CarrierRequestRejectedError(
            `ups: subscription refused (HTTP ${response.status})${code ? ` (${code})` : ''}: ${message}`,
            'ups',
            response.status,
            code,
          );
        }
        result.validTrackingNumbers.push(...(body?.validTrackingNumbers ?? []));
        result.invalidTrackingNumbers.push(...(body?.invalidTrackingNumbers ?? []));
      }
      return result;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { sendAuthorized, rejection } from '../http/authorized-request';
import {
  readDocumentedJson,
  resolveHttp,
  sendWithRetry,
  type CarrierHttpOptions,
  type ResolvedHttp,
} from '../http/carrier-http';
import { CarrierAuthRejectedError } from '../http/errors';
import { createTokenCache, type IssuedToken } from '../http/token-cache';
import { readIssuedToken } from '../http/token-response';
import type { TrackingLookup } from '../tracking-lookup';
import { parseFedexCompleteTrackResult } from './fedex-track-parser';
import { fedexTrackResponseSchema } from './fedex-track-schema';

/** FedEx accepts at most 30 tracking numbers per track request. */
export const FEDEX_MAX_NUMBERS_PER_REQUEST = 30;

export interface FedexClientOptions extends CarrierHttpOptions {
  /** https://apis-sandbox.fedex.com, https://apis.fedex.com, or the simulator's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  locale?: string;
  /**
   * Where a shipment's tracking number is registered (the simulator's create-shipment endpoint).
   * FedEx push webhooks are subscribed per account, so with this unset registration has nothing to do.
   */
  shipmentRegistrationUrl?: string;
}

export interface FedexClient {
  /** Looks numbers up, 30 per request; one lookup per distinct number, in the order asked. */
  track(trackingNumbers: readonly string[]): Promise<TrackingLookup[]>;
  registerShipment(input: { trackingNumber: string; service: string }): Promise<void>;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function requestFedexToken(options: FedexClientOptions, http: ResolvedHttp): Promise<IssuedToken> {
  const url = joinUrl(options.baseUrl, '/oauth/token');
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: options.clientId,
    client_secret: options.clientSecret,
  }).toString();
  const response = await sendWithRetry('fedex', http, url, () => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  }));
  if (!response.ok) {
    const error = await rejection('fedex', url, response);
    throw new CarrierAuthRejectedError(error.message, 'fedex', response.status, error.carrierCode);
  }
  return readIssuedToken('fedex', response);
}

export function createFedexClient(options: FedexClientOptions): FedexClient {
  const http = resolveHttp(options);
  const tokens = createTokenCache(() => requestFedexToken(options, http), http.now);
  const trackUrl = joinUrl(options.baseUrl, '/track/v1/trackingnumbers');

  async function trackBatch(numbers: string[]): Promise<TrackingLookup[]> {
    const body = JSON.stringify({
      includeDetailedScans: true,
      trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })),
    });
    const response = await sendAuthorized('fedex', http, tokens, trackUrl, (token) => ({
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-locale': options.locale ?? 'en_US',
        'x-customer-transaction-id': randomUUID(),
      },
      body,
    }));
    if (!response.ok) throw await rejection('fedex', trackUrl, response);
    const answer = await readDocumentedJson('fedex', 'track response', response, fedexTrackResponseSchema);
    const byNumber = new Map<string, TrackingLookup>();
    for (const complete of answer.output.completeTrackResults) {
      for (const lookup of parseFedexCompleteTrackResult(complete, 'poll')) {
        const seen = byNumber.get(lookup.trackingNumber);
        // A number FedEx reuses has several results; the first one found is the current shipment.
        if (!seen || (!seen.found && lookup.found)) byNumber.set(lookup.trackingNumber, lookup);
      }
    }
    return numbers.map(
      (trackingNumber): TrackingLookup =>
        byNumber.get(trackingNumber) ?? {
          found: false,
          carrier: 'fedex',
          trackingNumber,
          carrierCode: 'NOT.IN.RESPONSE',
          message: 'FedEx returned no result for this number',
        },
    );
  }

  return {
    async track(trackingNumbers) {
      const distinct = [...new Set(trackingNumbers.map((number) => number.trim()).filter(Boolean))];
      const results: TrackingLookup[] = [];
      for (let start = 0; start < distinct.length; start += FEDEX_MAX_NUMBERS_PER_REQUEST) {
        results.push(...(await trackBatch(distinct.slice(start, start + FEDEX_MAX_NUMBERS_PER_REQUEST))));
      }
      return results;
    },

    async registerShipment({ trackingNumber, service }) {
      if (!options.shipmentRegistrationUrl) return;
      const url = options.shipmentRegistrationUrl;
      const response = await sendAuthorized('fedex', http, tokens, url, (token) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ carrier: 'fedex', trackingNumber, service }),
      }));
      if (!response.ok) throw await rejection('fedex', url, response);
      await response.body?.cancel();
    },
  };
}

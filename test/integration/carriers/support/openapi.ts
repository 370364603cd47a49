import assert from 'node:assert/strict';
import OpenAPIRequestValidator from 'openapi-request-validator';
import OpenAPIResponseValidator from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import { readSpecJson, readSpecYaml } from '../../../unit/carriers/spec-files';

type Document = OpenAPIV3.Document & { webhooks?: Record<string, Record<string, OpenAPIV3.OperationObject>> };

const fedex = readSpecJson<Document>('carriers/fedex-track-api.json');
const upsTrack = readSpecYaml<Document>('carriers/ups-tracking-api.yaml');
const upsOauth = readSpecYaml<Document>('carriers/ups-oauth-client-credentials.yaml');
const upsAlert = readSpecYaml<Document>('carriers/ups-track-alert.yaml');
const upsAlertV1 = readSpecYaml<Document>('carriers/ups-track-alert-v1.yaml');

export interface HttpExchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  responseBody: unknown;
}

function operation(doc: Document, path: string, method: 'get' | 'post'): OpenAPIV3.OperationObject {
  const op = doc.paths[path]?.[method];
  assert.ok(op, `spec has ${method.toUpperCase()} ${path}`);
  return op;
}

function resolveParameters(doc: Document, op: OpenAPIV3.OperationObject): OpenAPIV3.ParameterObject[] {
  return (op.parameters ?? []).map((p) => {
    if (!('$ref' in p)) return p;
    const name = p.$ref.split('/').pop() ?? '';
    const resolved = doc.components?.parameters?.[name];
    assert.ok(resolved && !('$ref' in resolved), `parameter ${p.$ref} resolves`);
    return resolved;
  });
}

function requestValidator(doc: Document, op: OpenAPIV3.OperationObject): OpenAPIRequestValidator {
  return new OpenAPIRequestValidator({
    parameters: resolveParameters(doc, op),
    requestBody: op.requestBody as OpenAPIV3.RequestBodyObject | undefined,
    componentSchemas: doc.components?.schemas as never,
    enableHeadersLowercase: true,
  });
}

function responseValidator(doc: Document, op: OpenAPIV3.OperationObject): OpenAPIResponseValidator {
  return new OpenAPIResponseValidator({
    responses: op.responses as never,
    components: doc.components as never,
  });
}

function lowerHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function check(label: string, errors: unknown): void {
  assert.equal(errors, undefined, `${label} must match the spec: ${JSON.stringify(errors)}`);
}

const fedexTrack = operation(fedex, '/track/v1/trackingnumbers', 'post');
const fedexTrackRequest = requestValidator(fedex, fedexTrack);
const fedexTrackResponse = responseValidator(fedex, fedexTrack);
const upsDetails = operation(upsTrack, '/track/v1/details/{inquiryNumber}', 'get');
const upsDetailsRequest = requestValidator(upsTrack, upsDetails);
const upsDetailsResponse = responseValidator(upsTrack, upsDetails);
const upsToken = operation(upsOauth, '/security/v1/oauth/token', 'post');
const upsTokenRequest = requestValidator(upsOauth, upsToken);
const upsTokenResponse = responseValidator(upsOauth, upsToken);
const upsSubscribe = operation(upsAlert, '/subscription/{type}/package', 'post');
const upsSubscribeRequest = requestValidator(upsAlert, upsSubscribe);
const upsSubscribeResponse = responseValidator(upsAlert, upsSubscribe);
const trackAlertPush = upsAlert.webhooks?.TrackingEvent?.post;
assert.ok(trackAlertPush, 'Track Alert spec documents the TrackingEvent webhook');
const trackAlertRequest = requestValidator(upsAlert, trackAlertPush);
const upsSubscribeV1 = operation(upsAlertV1, '/subscription/standard/package', 'post');
const upsSubscribeV1Request = requestValidator(upsAlertV1, upsSubscribeV1);
// The v1 file's 404 and 405 answers point at a schema it never defines; the others are complete.
const upsSubscribeV1Response = responseValidator(upsAlertV1, {
  ...upsSubscribeV1,
  responses: Object.fromEntries(
    Object.entries(upsSubscribeV1.responses).filter(([status]) => status !== '404' && status !== '405'),
  ),
});
const trackAlertV1Push = upsAlertV1.webhooks?.TrackingEvent?.post;
assert.ok(trackAlertV1Push, 'Track Alert v1 spec documents the TrackingEvent webhook');
const trackAlertV1Request = requestValidator(upsAlertV1, trackAlertV1Push);

/** What the Track Alert spec of that version finds wrong with a subscription request (undefined: nothing). */
export function subscriptionRequestErrors(
  version: 'v1' | 'v2',
  headers: Record<string, string>,
  body: unknown,
): unknown {
  const [validator, params] =
    version === 'v1'
      ? [upsSubscribeV1Request, { version }]
      : [upsSubscribeRequest, { version, type: 'standard' }];
  return validator.validateRequest({ headers: lowerHeaders(headers), body, query: {}, params });
}
const fedexCompleteTrackResult = new OpenAPIResponseValidator({
  responses: {
    '200': {
      description: 'push',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CompleteTrackResult' } } },
    },
  } as never,
  components: fedex.components as never,
});

/** Validates one recorded carrier API exchange (request and response) against the carrier's spec. */
export type ExchangeKind =
  'fedex-oauth' | 'fedex-track' | 'ups-oauth' | 'ups-track' | 'ups-subscribe' | 'simulator-registration';

export function validateExchange(exchange: HttpExchange): ExchangeKind {
  const headers = lowerHeaders(exchange.headers);
  const label = `${exchange.method} ${exchange.path} → ${exchange.status}`;
  if (exchange.path === '/oauth/token') return 'fedex-oauth'; // FedEx's token endpoint has no spec file
  // The simulator's create-shipment call stands in for label creation, which no spec file covers.
  if (exchange.path === '/simulator/shipments') return 'simulator-registration';
  if (exchange.path === '/track/v1/trackingnumbers') {
    check(
      `${label} request`,
      fedexTrackRequest.validateRequest({ headers, body: exchange.body, query: {}, params: {} }),
    );
    if (exchange.status !== 429)
      check(
        `${label} response`,
        fedexTrackResponse.validateResponse(String(exchange.status), exchange.responseBody),
      );
    return 'fedex-track';
  }
  if (exchange.path === '/security/v1/oauth/token') {
    check(
      `${label} request`,
      upsTokenRequest.validateRequest({ headers, body: exchange.body, query: {}, params: {} }),
    );
    check(
      `${label} response`,
      upsTokenResponse.validateResponse(String(exchange.status), exchange.responseBody),
    );
    return 'ups-oauth';
  }
  const details = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(exchange.path);
  if (details?.[1]) {
    check(
      `${label} request`,
      upsDetailsRequest.validateRequest({
        headers,
        query: exchange.query,
        params: { inquiryNumber: decodeURIComponent(details[1]) },
      }),
    );
    if (exchange.status !== 429 && exchange.status !== 401) {
      check(
        `${label} response`,
        upsDetailsResponse.validateResponse(String(exchange.status), exchange.responseBody),
      );
    }
    return 'ups-track';
  }
  const subscription = /^\/api\/track\/(v\d)\/subscription\/([^/]+)\/package$/.exec(exchange.path);
  if (subscription?.[1] === 'v1' && subscription[2] === 'standard') {
    check(`${label} request`, subscriptionRequestErrors('v1', headers, exchange.body));
    check(
      `${label} response`,
      upsSubscribeV1Response.validateResponse(String(exchange.status), exchange.responseBody),
    );
    return 'ups-subscribe';
  }
  if (subscription?.[1] && subscription[2]) {
    check(
      `${label} request`,
      upsSubscribeRequest.validateRequest({
        headers,
        body: exchange.body,
        query: {},
        params: { version: subscription[1], type: subscription[2] },
      }),
    );
    check(
      `${label} response`,
      upsSubscribeResponse.validateResponse(String(exchange.status), exchange.responseBody),
    );
    return 'ups-subscribe';
  }
  assert.fail(`no spec covers ${label}`);
}

/** Validates a pushed UPS Track Alert body and headers against the spec's TrackingEvent webhook. */
export function validateTrackAlertPush(headers: Record<string, string>, body: unknown): void {
  check(
    'Track Alert push',
    trackAlertRequest.validateRequest({ headers: lowerHeaders(headers), body, query: {}, params: {} }),
  );
}

/** Validates a Track Alert v1 push (the `credential` header and the body) against the v1 spec. */
export function validateTrackAlertV1Push(headers: Record<string, string>, body: unknown): void {
  check(
    'Track Alert v1 push',
    trackAlertV1Request.validateRequest({ headers: lowerHeaders(headers), body, query: {}, params: {} }),
  );
}

/** Validates a FedEx push body against the Track API's CompleteTrackResult schema. */
export function validateFedexPush(body: unknown): void {
  check('FedEx push', fedexCompleteTrackResult.validateResponse('200', body));
}

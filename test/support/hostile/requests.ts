import fc from 'fast-check';
import type { ApiOperation } from '../../../src/api/openapi/operation';
import { formOf, mutationsOf, rawHostileBody, type BodyMutation, applyMutations } from './bodies';
import { fillPath, hostileQueryValue, hostileSegment, parameterNames, queryString } from './paths';
import { spliceRawJson } from './values';

type ParamChoice = { kind: 'example' } | { kind: 'order' } | { kind: 'hostile'; segment: string };
type BodyChoice =
  | { kind: 'example' }
  | { kind: 'none' }
  | { kind: 'mutated'; mutations: BodyMutation[] }
  | { kind: 'raw'; text: string };
export type CredentialMode = 'valid' | 'none' | 'forged';

/** What fast-check generates and shrinks; `buildRequest` turns it into bytes on the wire. */
export interface HostileCase {
  operation: ApiOperation;
  params: Record<string, ParamChoice>;
  query: Record<string, string[]> | 'example';
  body: BodyChoice;
  contentType: string | 'matching' | 'none';
  contentEncoding: string | undefined;
  /** A header routes read besides credentials, with a hostile value. */
  extraHeader: [string, string] | undefined;
  credentials: CredentialMode;
  orderIndex: number;
}

/** One request as sent: everything needed to send it again. */
export interface WireRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The path parameters as they were put in the path (percent-encoded). */
  params: Record<string, string>;
}

/** The service's answer to the door: headers that pass (or fail) it for exactly this request. */
export type Credentials = (
  operation: ApiOperation,
  request: WireRequest,
  mode: CredentialMode,
) => Record<string, string>;

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  'application/xml',
  'application/json\u00e9',
  '*/*',
];

/** Headers some route reads (stream resumption, idempotency, topics, negotiation, client address). */
const READ_HEADERS = [
  'last-event-id',
  'idempotency-key',
  'x-shopify-topic',
  'x-shopify-webhook-id',
  'x-wc-webhook-topic',
  'x-wc-webhook-delivery-id',
  'accept',
  'accept-language',
  'x-forwarded-for',
  'x-namespace',
  'origin',
];
const HOSTILE_HEADER_VALUES = [
  '',
  '-1',
  '1e999',
  '99999999999999999999999',
  '\u00e9\u00ff\u00fe',
  '%00',
  '../../etc/passwd',
  '*/*;q=999, text/event-stream;q=-1',
  '1, 2, 3, 999.999.999.999, ::ffff:127.0.0.1',
  'x'.repeat(8_000),
];

const paramChoice: fc.Arbitrary<ParamChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'example' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'order' as const }) },
  { weight: 5, arbitrary: hostileSegment.map((segment) => ({ kind: 'hostile' as const, segment })) },
);

function bodyChoice(operation: ApiOperation): fc.Arbitrary<BodyChoice> {
  const example = operation.example?.body;
  const choices: fc.WeightedArbitrary<BodyChoice>[] = [
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: rawHostileBody.map((text) => ({ kind: 'raw' as const, text })) },
  ];
  if (example !== undefined && typeof example === 'object') {
    choices.push(
      { weight: 2, arbitrary: fc.constant({ kind: 'example' as const }) },
      {
        weight: 6,
        arbitrary: mutationsOf(example).map((mutations) => ({ kind: 'mutated' as const, mutations })),
      },
    );
  }
  return fc.oneof(...choices);
}

function queryChoice(operation: ApiOperation): fc.Arbitrary<HostileCase['query']> {
  const names = [
    ...new Set([
      ...Object.keys(operation.query?.shape ?? {}),
      ...Object.keys(operation.example?.query ?? {}),
    ]),
  ];
  if (names.length === 0) return fc.constant('example' as const);
  const hostile = fc.dictionary(fc.constantFrom(...names, 'unknown', '__proto__'), hostileQueryValue, {
    minKeys: 1,
    maxKeys: 3,
  });
  return fc.oneof(fc.constant('example' as const), hostile);
}

/** A hostile request to one operation of the catalogue. */
export function hostileCaseFor(operation: ApiOperation): fc.Arbitrary<HostileCase> {
  const params = Object.fromEntries(parameterNames(operation.path).map((name) => [name, paramChoice]));
  return fc.record({
    operation: fc.constant(operation),
    params: fc.record(params),
    query: queryChoice(operation),
    body: bodyChoice(operation),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('matching') },
      { weight: 1, arbitrary: fc.constant('none') },
      { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    ),
    contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'), {
      freq: 12,
      nil: undefined,
    }),
    extraHeader: fc.option(
      fc.tuple(fc.constantFrom(...READ_HEADERS), fc.constantFrom(...HOSTILE_HEADER_VALUES)),
      {
        freq: 4,
        nil: undefined,
      },
    ),
    credentials: fc.constantFrom<CredentialMode>('valid', 'valid', 'none', 'forged'),
    orderIndex: fc.nat(),
  });
}

const isForm = (operation: ApiOperation) => operation.body?.content === 'form';

function bodyText(c: HostileCase): string | undefined {
  const example = c.operation.example?.body;
  switch (c.body.kind) {
    case 'none':
      return undefined;
    case 'raw':
      return c.body.text;
    case 'example':
    case 'mutated': {
      const value = c.body.kind === 'example' ? example : applyMutations(example, c.body.mutations);
      return isForm(c.operation) ? formOf(value) : spliceRawJson(value);
    }
  }
}

/** The bytes of a case, with the credentials for its door computed over them. */
export function buildRequest(
  c: HostileCase,
  orderIds: readonly string[],
  credentials: Credentials,
): WireRequest {
  const example = c.operation.example ?? {};
  const segments = Object.fromEntries(
    Object.entries(c.params).map(([name, choice]) => {
      if (choice.kind === 'hostile') return [name, choice.segment];
      const value =
        choice.kind === 'order' ? orderIds[c.orderIndex % Math.max(orderIds.length, 1)] : undefined;
      return [name, encodeURIComponent(value ?? example.params?.[name] ?? 'x')];
    }),
  );
  const query =
    c.query === 'example'
      ? Object.fromEntries(Object.entries(example.query ?? {}).map(([k, v]) => [k, [encodeURIComponent(v)]]))
      : c.query;
  const body = bodyText(c);
  const headers: Record<string, string> = {};
  const matching = isForm(c.operation) ? 'application/x-www-form-urlencoded' : 'application/json';
  if (body !== undefined && c.contentType !== 'none') {
    headers['content-type'] = c.contentType === 'matching' ? matching : c.contentType;
  }
  if (c.contentEncoding && body !== undefined) headers['content-encoding'] = c.contentEncoding;
  if (c.extraHeader) headers[c.extraHeader[0]] = c.extraHeader[1];
  const request: WireRequest = {
    operation: `${c.operation.method.toUpperCase()} ${c.operation.path}`,
    method: c.operation.method.toUpperCase(),
    path: fillPath(c.operation.path, segments) + queryString(query),
    headers,
    body,
    params: segments,
  };
  request.headers = { ...headers, ...credentials(c.operation, request, c.credentials) };
  return request;
}

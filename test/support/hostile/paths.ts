import fc from 'fast-check';
import { formEncode } from './bodies';
import { hostileString } from './values';

/**
 * A path segment as it goes on the wire (already percent-encoded): NUL, encoded unpaired surrogates,
 * malformed and overlong escapes, dot segments, encoded slashes, huge and negative numbers, raw
 * Latin-1 bytes and segments long enough to pass the header size limit.
 */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%ED%B0%80',
    '%',
    '%zz',
    '%C0%AF',
    '%FF',
    '%EF%BB%BF',
    '..',
    '%2e%2e',
    '%2F',
    'a%2Fb',
    '%5C',
    '-1',
    '0',
    '1.5',
    '1e999',
    '99999999999999999999999999',
    '-99999999999999999999',
    'NaN',
    'Infinity',
    '%20',
    '+',
    '%2B',
    '__proto__',
    'constructor',
    '\u00ff\u00e9',
    'web:acme:1001%00',
    'web:acme:1001%ED%A0%80',
  ),
  hostileString.filter((text) => text.length < 2_000).map(formEncode),
  fc.constantFrom(1_000, 10_000, 20_000).map((length) => 'x'.repeat(length)),
);

/** A query string value: hostile text, or a value given twice (an array to express). */
export const hostileQueryValue: fc.Arbitrary<string[]> = fc.oneof(
  hostileSegment.map((value) => [value]),
  fc.tuple(hostileSegment, fc.constantFrom('1', '20', 'open')).map((pair) => [...pair]),
);

/** `/orders/:id` with each parameter replaced by its already-encoded text. */
export function fillPath(expressPath: string, segments: Record<string, string>): string {
  return expressPath.replace(/:(\w+)/g, (_, name: string) => segments[name] ?? 'x');
}

export function parameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:(\w+)/g)].map((match) => match[1]!);
}

export function queryString(query: Record<string, string[]>): string {
  const pairs = Object.entries(query).flatMap(([key, values]) =>
    values.map((value) => `${formEncode(key)}=${value}`),
  );
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

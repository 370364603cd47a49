import fc from 'fast-check';

/**
 * Text that is spliced into the serialized JSON as it stands: numbers JSON.stringify cannot write
 * (1e999, 400 digits) and nesting too deep to build as a value. Written as a marked string, then
 * replaced by `spliceRawJson`.
 */
const RAW_MARK = '\u0001raw:';
export const rawJson = (text: string): string => `${RAW_MARK}${text}\u0001`;

/** JSON.stringify with the `rawJson` markers replaced by their text. */
export function spliceRawJson(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.replace(/"\\u0001raw:((?:[^"\\]|\\.)*?)\\u0001"/g, (_, raw: string) => JSON.parse(`"${raw}"`));
}

const deep = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Nesting from a little to far past any recursion limit. */
export const deepNesting = fc
  .record({
    depth: fc.constantFrom(2, 50, 50, 1_000, 5_000, 20_000),
    kind: fc.constantFrom<'array' | 'object'>('array', 'object'),
  })
  .map(({ depth, kind }) => rawJson(deep(depth, kind)));

/** Strings no field should take as they are, and strings that look like attacks but are plain text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfff',
      '\udc00\ud800',
      '\ufeff',
      '\u202egnp.exe',
      '%00',
      '%ED%A0%80',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      "'; DROP TABLE orders;--",
      '${7*7}{{7*7}}',
      '__proto__',
      'constructor',
      'web:acme:1001',
      '2026-13-45T99:99:99Z',
      '1e999',
      'NaN',
      '👩‍👩‍👧‍👦'.repeat(50),
    ),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', 'é', '\n'),
      maxLength: 20,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(300, 300, 10_001, 300_000).map((length) => 'x'.repeat(length)) },
);

/** Numbers at and past every boundary, including ones only JSON text can carry. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    -0,
    0.5,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.constantFrom('1e999', '-1e999', '1e-999', '9'.repeat(400), '-0.0e-0').map(rawJson),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any value of the wrong kind, hostile ones included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: deepNesting },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [null], { '': '' }, ['\u0000']),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/**
 * Objects carrying prototype-pollution keys as own members, the way JSON.parse makes them.
 * `polluted` must never show up on Object.prototype afterwards.
 */
export const pollutionObject: fc.Arbitrary<unknown> = fc
  .constantFrom(
    '{"__proto__":{"polluted":"yes","isAdmin":true}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":null}',
    '{"prototype":{"polluted":"yes"},"toString":"x","hasOwnProperty":1,"valueOf":{}}',
  )
  .map((text) => JSON.parse(text) as unknown);

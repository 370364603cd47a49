import fc from 'fast-check';
import { deepNesting, hostileString, hostileValue, pollutionObject, spliceRawJson } from './values';

/** One change to a valid body, at a path of member names and array indexes. */
export type BodyMutation =
  | { kind: 'delete'; at: string[] }
  | { kind: 'set'; at: string[]; value: unknown }
  | { kind: 'pollute'; at: string[]; value: unknown }
  | { kind: 'repeat'; at: string[]; times: number };

/** Every place in a JSON value a mutation can reach: the value itself and each member, deeply. */
export function pathsOf(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [at];
  const children = Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...at, key]));
  return [at, ...children];
}

function parentOf(root: Record<string, unknown>, at: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of at.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** Bodies stay below this many characters (past every route's limit, within the fuzzer's memory). */
const MAX_BODY_CHARS = 1_200_000;

/** The value as an array of `times` copies, no more of them than the size cap allows. */
function repeated(value: unknown, times: number): unknown[] {
  const size = Math.max((JSON.stringify(value) ?? '').length, 1);
  return Array.from({ length: Math.min(times, Math.ceil(MAX_BODY_CHARS / size)) }, () => value);
}

/** Copies members as own ones (`__proto__` included, as JSON.parse makes it), never through setters. */
function defineOwn(target: object, members: unknown): void {
  if (members === null || typeof members !== 'object') return;
  for (const [key, value] of Object.entries(members)) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** The example with the mutations applied; the example itself is left alone. */
export function applyMutations(example: unknown, mutations: readonly BodyMutation[]): unknown {
  const root: { body: unknown } = { body: structuredClone(example) };
  for (const mutation of mutations) {
    const at = ['body', ...mutation.at];
    const parent = parentOf(root, at);
    const key = at.at(-1)!;
    if (!parent) continue;
    if (mutation.kind === 'delete') delete parent[key];
    else if (mutation.kind === 'set') parent[key] = mutation.value;
    else if (mutation.kind === 'repeat') parent[key] = repeated(parent[key], mutation.times);
    else {
      const target = parent[key];
      if (target !== null && typeof target === 'object') defineOwn(target, mutation.value);
      else parent[key] = mutation.value;
    }
    // Copies made by `repeat` share one object; cloned apart, a later change cannot make a cycle.
    root.body = structuredClone(root.body);
  }
  return root.body;
}

/** One to three changes anywhere in the example: deleted, emptied, retyped, hostile, polluted, multiplied. */
export function mutationsOf(example: unknown): fc.Arbitrary<BodyMutation[]> {
  const paths = pathsOf(example);
  const at = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<BodyMutation> = fc.oneof(
    { weight: 2, arbitrary: at.map((path) => ({ kind: 'delete' as const, at: path })) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at, value: hostileValue }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        at,
        value: fc.constantFrom<unknown>('', null, {}, []),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('pollute' as const), at, value: pollutionObject }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('repeat' as const),
        at,
        times: fc.constantFrom(2, 100, 1_000, 50_000),
      }),
    },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** Bodies that are not the route's format at all. */
export const rawHostileBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '""',
      '"\\u0000"',
      '{"a":"\\ud800"}',
      '{"a":1,"a":{"b":2}}',
      '{',
      '{"a":}',
      '\ufeff{}',
      '1e999',
      'NaN',
      '{"__proto__":{"polluted":"yes"}}',
      'grant_type=client_credentials&grant_type=password',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>',
    ),
  },
  { weight: 1, arbitrary: deepNesting.map((value) => spliceRawJson(value)) },
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: fc.constantFrom(300_000, 1_100_000).map((size) => `{"a":"${'x'.repeat(size)}"}`) },
);

/** A form body from a JSON example: its members as text, nested ones as JSON. */
export function formOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === null || typeof body !== 'object') return spliceRawJson(body);
  const entries = Object.entries(body).map(([key, value]): [string, string] => [
    key,
    typeof value === 'string' ? value : spliceRawJson(value),
  ]);
  return entries.map(([key, value]) => `${formEncode(key)}=${formEncode(value)}`).join('&');
}

/** encodeURIComponent that keeps an unpaired surrogate instead of throwing (as its CESU-8 bytes). */
export function formEncode(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      }
      return encodeURIComponent(char);
    })
    .join('');
}

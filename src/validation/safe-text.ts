import { z } from 'zod';
import type { FieldProblem } from './field-problems';

// Text PostgreSQL cannot store (NUL in text, NUL and unpaired surrogates in jsonb) and that no caller
// has a reason to send. Such text is refused where it enters, before it reaches an order's history.
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string is not safe to keep, or undefined when it is. */
export function unsafeTextReason(value: string): string | undefined {
  if (value.includes(NUL)) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/**
 * A free-text field: trimmed, not empty, at most `max` characters, no NUL, no unpaired surrogate.
 * Every request schema's free text (reasons, notes, names, addresses, event IDs) is one of these.
 */
export function safeText(max: number, { allowEmpty = false }: { allowEmpty?: boolean } = {}) {
  const text = z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const reason = unsafeTextReason(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });
  return allowEmpty ? text : text.min(1, 'must not be empty');
}

/** No request body has a reason to nest deeper; past it, a body is refused before anything walks it. */
export const MAX_NESTING = 32;

/**
 * Every string (keys included) in a parsed JSON value that is not safe text, named by its dotted
 * path; `(body)` for the value itself; and a value nested deeper than MAX_NESTING. Used on whole
 * request bodies, whatever their schema. Walks with its own stack: a body nested 100 000 deep is
 * one more problem, not a stack overflow.
 */
export function unsafeTextProblems(value: unknown, path: readonly string[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Each pending value knows its parent, so a path is built only for a value that has a problem.
  type Place = { value: unknown; key: string | undefined; parent: Place | undefined; depth: number };
  const fieldOf = (place: Place): string => {
    const keys: string[] = [];
    for (let at: Place | undefined = place; at?.key !== undefined; at = at.parent) keys.push(at.key);
    const full = [...path, ...keys.reverse()];
    return full.length > 0 ? full.join('.') : '(body)';
  };
  const pending: Place[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  while (pending.length > 0 && problems.length < 20) {
    const place = pending.pop()!;
    if (typeof place.value === 'string') {
      const reason = unsafeTextReason(place.value);
      if (reason) problems.push({ field: fieldOf(place), message: reason });
    } else if (place.value !== null && typeof place.value === 'object') {
      if (place.depth >= MAX_NESTING) {
        problems.push({ field: fieldOf(place), message: `must not nest deeper than ${MAX_NESTING} levels` });
        continue;
      }
      const keys = Object.keys(place.value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const keyReason = unsafeTextReason(key);
        if (keyReason) problems.push({ field: fieldOf(place), message: `member names ${keyReason}` });
        else {
          const child = (place.value as Record<string, unknown>)[key];
          pending.push({ value: child, key, parent: place, depth: place.depth + 1 });
        }
      }
    }
  }
  return problems.slice(0, 20);
}

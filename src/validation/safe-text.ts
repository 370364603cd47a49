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

/**
 * Every string (keys included) in a parsed JSON value that is not safe text, named by its dotted
 * path; `(body)` for the value itself. Used on whole request bodies, whatever their schema.
 */
export function unsafeTextProblems(value: unknown, path: readonly string[] = []): FieldProblem[] {
  const field = path.length > 0 ? path.join('.') : '(body)';
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? [{ field, message: reason }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const problems: FieldProblem[] = [];
  for (const [key, child] of Object.entries(value)) {
    const keyReason = unsafeTextReason(key);
    if (keyReason) problems.push({ field, message: `member names ${keyReason}` });
    else problems.push(...unsafeTextProblems(child, [...path, key]));
    if (problems.length >= 20) break;
  }
  return problems;
}
